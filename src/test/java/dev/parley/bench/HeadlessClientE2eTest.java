package dev.parley.bench;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.e2e.BrowserTestSupport;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The benchmark's headless client sees exactly what Chromium shows. */
class HeadlessClientE2eTest extends BrowserTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Test
    void headless_client_and_browser_see_the_same_messages() throws Exception {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Compare " + alice.username(), null, false);
        members.join(bob.id(), room.slug());
        messages.post(alice.id(), room.id(), "already there");
        Page browser = signIn(alice, "/rooms/" + room.slug());

        List<Long> markers = new CopyOnWriteArrayList<>();
        List<Long> seqs = new CopyOnWriteArrayList<>();
        VaadinClient headless = new VaadinClient(VaadinClient.newHttpClient(), url(""), new VaadinClient.Receiver() {
            @Override
            public void marker(long id, long nanos) {
                markers.add(id);
            }

            @Override
            public void seq(long seq) {
                seqs.add(seq);
            }
        });
        try {
            headless.signIn(bob.username(), Fixtures.PASSWORD);
            headless.open("rooms/" + room.slug());
            assertThat(headless.initialSeqs()).containsExactly(1L);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(headless::pushConnected);

            for (int i = 1; i <= 5; i++) {
                messages.post(alice.id(), room.id(), "bm:" + i + " compared");
            }

            assertThat(browser.locator(".message")).hasCount(6);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> markers.size() == 5);
            assertThat(markers).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(seqs).containsExactly(2L, 3L, 4L, 5L, 6L);
            List<String> browserBodies = browser.locator(".message-body").allInnerTexts();
            assertThat(browserBodies.subList(1, 6))
                    .containsExactlyElementsOf(LongStream.of(1, 2, 3, 4, 5)
                            .mapToObj(i -> "bm:" + i + " compared")
                            .toList());
            List<String> browserSeqs = browser.locator(".message").all().stream()
                    .map(m -> m.getAttribute("data-seq"))
                    .toList();
            assertThat(browserSeqs.subList(1, 6))
                    .containsExactlyElementsOf(
                            seqs.stream().map(String::valueOf).toList());
            assertThat(headless.errors()).isEmpty();
        } finally {
            headless.close();
        }
    }
}
