package dev.parley.search.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.accounts.ui.AdminView;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import dev.parley.search.IndexAdministration;
import dev.parley.search.IndexStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The search index's section of the Administration page: its state, and a rebuild followed to its end by the page's
 * poll, which stops when the build is done or the page is left.
 */
class SearchIndexSectionTest extends ViewTestSupport {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    IndexAdministration indexAdministration;

    @Autowired
    RoomService rooms;

    @Autowired
    MessageService messages;

    private UserSummary admin;

    private UserSummary signInAsAdmin() {
        admin = signIn("keeper");
        AccountTestData.makeInstanceAdmin(users, transactions, admin.id());
        awaitIndexReady();
        RoomSummary room = rooms.create(admin.id(), "Notes " + UUID.randomUUID(), null, false);
        messages.post(admin.id(), room.id(), "the index holds at least this message");
        return admin;
    }

    /** Leaves the index ready for the next test, which shares it. */
    @AfterEach
    void awaitIndexReady() {
        if (admin != null) {
            Awaitility.await()
                    .atMost(WITHIN)
                    .until(() -> indexAdministration.status(admin.id()).state() == IndexStatus.State.READY);
        }
    }

    private String statusText() {
        return $(Span.class).id("search-index-status").getText();
    }

    private SearchIndexPanel section() {
        return $(SearchIndexPanel.class).single();
    }

    /** What the browser does every poll interval while polling is on. */
    private static void poll() {
        UI ui = UI.getCurrent();
        ComponentUtil.fireEvent(ui, new PollEvent(ui, true));
    }

    @Test
    void an_admin_sees_the_index_ready_and_follows_a_rebuild_to_its_end() {
        signInAsAdmin();

        navigate(AdminView.class);

        assertThat(statusText()).startsWith("Ready (embedded).");
        assertThat(section().rebuild.isEnabled()).isTrue();
        assertThat(section().progress.isVisible()).isFalse();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);

        test(section().rebuild).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Rebuild the search index?");
        assertThat(confirm.getElement().getTextRecursively()
                        + confirm.getElement().getProperty("message", ""))
                .contains("being built");
        test(confirm).confirm();

        assertThat(statusText()).startsWith("Being built on ");
        assertThat(section().rebuild.isEnabled()).isFalse();
        assertThat(section().progress.isVisible()).isTrue();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(SearchIndexPanel.POLL_MILLIS);

        Awaitility.await()
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(50))
                .pollInSameThread()
                .until(() -> {
                    poll();
                    if (statusText().startsWith("Being built")) {
                        assertThat(section().rebuild.isEnabled()).isFalse();
                    }
                    return statusText().startsWith("Ready");
                });

        assertThat(statusText()).matches("Ready \\(embedded\\)\\. Last built on .+: [0-9,]+ messages?, .+, in .+\\.");
        assertThat(section().rebuild.isEnabled()).isTrue();
        assertThat(section().progress.isVisible()).isFalse();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }

    @Test
    void leaving_the_page_during_a_build_stops_the_poll() {
        signInAsAdmin();
        navigate(AdminView.class);
        test(section().rebuild).click();
        test($(ConfirmDialog.class).single()).confirm();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(SearchIndexPanel.POLL_MILLIS);

        navigate("", LobbyView.class);

        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }

    @Test
    void the_state_reads_clearly_for_each_kind_of_build() {
        Instant start = Instant.parse("2026-12-08T00:10:00Z");
        ZoneId utc = ZoneOffset.UTC;

        assertThat(SearchIndexPanel.describe(
                        new IndexStatus(
                                IndexStatus.State.READY,
                                "OpenSearch",
                                "node-a",
                                1234,
                                1234,
                                start,
                                start.plusSeconds(12),
                                null),
                        utc))
                .isEqualTo("Ready (OpenSearch). Last built on node-a: 1,234 messages, 8 Dec 2026, 00:10, in 12 s.");
        assertThat(SearchIndexPanel.describe(
                        new IndexStatus(IndexStatus.State.BUILDING, "embedded", "node-a", 1000, 400, start, null, null),
                        utc))
                .isEqualTo("Being built on node-a: 40% (400 of 1,000 messages)."
                        + " Search answers \"being built\" until it is done.");
        assertThat(SearchIndexPanel.describe(
                        new IndexStatus(
                                IndexStatus.State.FAILED,
                                "embedded",
                                "node-a",
                                1000,
                                10,
                                start,
                                start.plusSeconds(1),
                                "No space left on device."),
                        utc))
                .isEqualTo("The last build failed: No space left on device. It is tried again in a minute;"
                        + " search is unavailable until a build succeeds.");
        assertThat(SearchIndexPanel.describe(
                        new IndexStatus(IndexStatus.State.READY, "embedded", null, 0, 0, null, null, null), utc))
                .isEqualTo("Ready (embedded). Not rebuilt since this node started.");
    }
}
