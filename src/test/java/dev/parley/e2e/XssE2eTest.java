package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ParleyException;
import dev.parley.files.Attachment;
import dev.parley.files.FileService;
import dev.parley.messages.MessageService;
import dev.parley.messages.TypingService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.webhooks.NewWebhook;
import dev.parley.webhooks.SlackPayload;
import dev.parley.webhooks.WebhookService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The script injection corpus ({@code security/xss-payloads.txt}) as names, room names and descriptions, messages, file
 * names, webhook names and senders, and a moderation reason, rendered in Chromium on every page that shows user text:
 * the lobby, a room (messages, header, members, mention suggestions, typing, settings and moderation log), live toasts
 * and the bell, search, webhooks, People and Administration. Every payload calls {@code parleyXss(n)} (a binding this
 * test watches) or {@code alert} if it ever runs; and no page may hold an element the payloads would have made (an
 * event handler attribute, a frame, a {@code javascript:} link), whether or not the browser ran it.
 */
class XssE2eTest extends BrowserTestSupport {

    /** The page's own markup may carry none of these: each only comes from a payload that was not escaped. */
    private static final String INJECTED_ELEMENTS = """
            () => [...document.querySelectorAll('body *')].filter(e =>
                [...e.attributes].some(a => a.name.startsWith('on'))
                || ['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META'].includes(e.tagName)
                || (e.tagName === 'SCRIPT' && e.textContent.includes('parleyXss'))
                || (e.tagName === 'IMG' && e.getAttribute('src') === 'x')
                || (e.tagName === 'A' && /^\\s*(javascript|data):/i.test(e.getAttribute('href') || ''))
            ).map(e => e.outerHTML.slice(0, 200))
            """;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships memberships;

    @Autowired
    MessageService messages;

    @Autowired
    FileService files;

    @Autowired
    WebhookService webhooks;

    @Autowired
    ModerationService moderation;

    @Autowired
    TypingService typing;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void no_payload_runs_or_becomes_markup_on_any_page() throws Exception {
        List<String> payloads = payloads();
        List<String> refused = new ArrayList<>();
        UserSummary alice = register("alice");
        AccountTestData.makeInstanceAdmin(users, transactions, alice.id());

        // Names: every payload short enough to be one, each on an account of its own.
        List<UserSummary> authors = new ArrayList<>();
        for (String payload : payloads) {
            if (payload.length() > 64) {
                continue;
            }
            UserSummary author = register("evil");
            try {
                authors.add(accounts.changeDisplayName(author.id(), payload));
            } catch (ParleyException e) {
                refused.add("display name " + payload + ": " + e.getMessage());
            }
        }
        assertThat(authors).as("payloads taken as names").hasSizeGreaterThan(payloads.size() / 2);
        String roomName =
                payloads.stream().filter(p -> p.length() <= 40).findFirst().orElseThrow();
        RoomSummary room =
                rooms.create(alice.id(), roomName, String.join(" ", payloads).substring(0, 500), false);
        rooms.create(alice.id(), "<svg onload=parleyXss(9001)>", "<img src=x onerror=parleyXss(9002)>", false);
        for (UserSummary author : authors) {
            memberships.join(author.id(), room.slug());
        }

        // Messages: every payload, by the authors in turn, some mentioning alice; files with payload names.
        for (int i = 0; i < payloads.size(); i++) {
            UserSummary author = authors.get(i % authors.size());
            String mention = i % 5 == 0 ? " @" + alice.username() : "";
            messages.post(author.id(), room.id(), payloads.get(i) + " needle" + mention);
        }
        List<Attachment> attached = new ArrayList<>();
        for (String payload : payloads.subList(0, 10)) {
            try (InputStream content = new ByteArrayInputStream("plain text".getBytes(StandardCharsets.UTF_8))) {
                attached.add(files.upload(authors.getFirst().id(), room.id(), payload + ".txt", content));
            } catch (ParleyException e) {
                refused.add("file name " + payload + ": " + e.getMessage());
            }
        }
        for (int i = 0; i < attached.size(); i += 3) {
            messages.post(
                    authors.getFirst().id(),
                    room.id(),
                    "files needle",
                    attached.subList(i, Math.min(i + 3, attached.size())).stream()
                            .map(Attachment::id)
                            .toList());
        }
        NewWebhook hook = webhooks.create(alice.id(), room.slug(), payloads.get(1));
        webhooks.post(
                hook.token(),
                new SlackPayload(payloads.get(2) + " needle", payloads.get(3), "javascript:parleyXss(9003)"));
        moderation.mute(alice.id(), room.slug(), authors.get(1).username(), Duration.ofMinutes(5), payloads.get(4));

        List<String> fired = new CopyOnWriteArrayList<>();
        Page page = newPage();
        page.context().exposeBinding("parleyXss", (source, args) -> {
            fired.add("parleyXss(" + args[0] + ") on " + source.page().url());
            return null;
        });
        page.onDialog(dialog -> {
            fired.add("dialog \"" + dialog.message() + "\" on " + page.url());
            dialog.dismiss();
        });
        List<String> injected = new ArrayList<>();

        signIn(page, alice, "/");
        assertThat(page.locator("vaadin-app-layout")).containsText("parleyXss(9001)");
        injected.addAll(injected(page, "lobby"));

        page.navigate(url("/rooms/" + room.slug()));
        assertThat(page.locator(".message-body").last()).containsText("needle");
        assertThat(page.locator(".message-list, #message-list")).containsText("onerror=parleyXss");
        // At this width the members panel is open beside the messages.
        assertThat(page.locator(".members-panel")).containsText("parleyXss");
        // Live: a mention arrives as a toast and in the bell, and someone types.
        messages.post(authors.get(2).id(), room.id(), payloads.get(5) + " @" + alice.username());
        typing.typing(authors.get(3).id(), room.id());
        assertThat(page.locator(".typing-indicator")).containsText("typing");
        page.locator(".composer-input textarea").fill("@");
        page.locator(".composer-input textarea").press("End");
        page.waitForTimeout(500);
        injected.addAll(injected(page, "room"));
        page.locator(".composer-input textarea").fill("");
        page.locator(".settings-button").click();
        page.getByText("Moderation log").click();
        assertThat(page.locator(".moderation-log")).containsText("parleyXss");
        injected.addAll(injected(page, "room settings"));
        page.keyboard().press("Escape");

        page.locator("#search-field input").fill("needle");
        assertThat(page.locator(".search-hits")).containsText("needle");
        injected.addAll(injected(page, "search"));
        page.keyboard().press("Escape");

        page.navigate(url("/"));
        messages.post(authors.get(4).id(), room.id(), payloads.get(6) + " @" + alice.username());
        assertThat(page.locator(".notification-count")).isVisible();
        page.locator(".notification-bell").click();
        assertThat(page.locator(".notification-list")).containsText("parleyXss");
        injected.addAll(injected(page, "bell"));

        for (String path : List.of("/rooms/" + room.slug() + "/webhooks", "/people", "/admin")) {
            page.navigate(url(path));
            assertThat(page.locator("vaadin-app-layout")).containsText("parleyXss");
            injected.addAll(injected(page, path));
        }

        System.out.printf(
                "%d payloads; %d taken as display names; refused: %s%n", payloads.size(), authors.size(), refused);
        assertThat(fired).as("scripts that ran").isEmpty();
        assertThat(injected).as("markup made from payloads").isEmpty();
    }

    private static List<String> injected(Page page, String where) {
        List<?> found = (List<?>) page.evaluate(INJECTED_ELEMENTS);
        return found.stream().map(e -> where + ": " + e).toList();
    }

    private static List<String> payloads() throws IOException {
        try (InputStream in =
                Objects.requireNonNull(XssE2eTest.class.getResourceAsStream("/security/xss-payloads.txt"))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                payloads.add(lines.get(i).replace("N", String.valueOf(i + 1)));
            }
            return payloads;
        }
    }
}
