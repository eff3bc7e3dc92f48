package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real third-party Slack client posting into Parley: Slack's own {@code @slack/webhook} package from npm, run with
 * Node, sends to a webhook an admin made in the browser, and another member's open room shows the message live, "via
 * webhook". The package is installed once under {@code target/slack-client} (Node and npm from the PATH; the npm
 * registry must be reachable).
 */
class SlackWebhookE2eTest extends BrowserTestSupport {

    /** Pinned: 7.x supports Node 18 and later (8.x needs a newer Node than some CI images have). */
    static final String SLACK_WEBHOOK = "@slack/webhook@7.2.0";

    private static final Path CLIENT = Paths.get("target", "slack-client").toAbsolutePath();

    /**
     * Posts the last argument through the one before it as Slack's client does, with a name, a picture and an
     * attachment.
     */
    private static final String SCRIPT = """
            const { IncomingWebhook } = require('@slack/webhook');
            const [url, text] = process.argv.slice(-2);
            const hook = new IncomingWebhook(url, { username: 'Jenkins', icon_url: 'https://jenkins.invalid/logo.png' });
            hook.send({ text, attachments: [{ title: 'Console output', title_link: 'https://ci.invalid/42/console',
                                              text: 'All *12* stages green' }] })
              .then((answer) => console.log(JSON.stringify(answer)))
              .catch((error) => { console.error(error.stack || String(error)); process.exit(1); });
            """;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @BeforeAll
    static void installSlackClient() throws Exception {
        if (Files.exists(CLIENT.resolve("node_modules/@slack/webhook/package.json"))
                && Files.readString(CLIENT.resolve("node_modules/@slack/webhook/package.json"))
                        .contains("\"version\": \"" + SLACK_WEBHOOK.substring(SLACK_WEBHOOK.lastIndexOf('@') + 1))) {
            return;
        }
        Files.createDirectories(CLIENT);
        run(
                List.of(
                        "npm",
                        "install",
                        "--prefix",
                        CLIENT.toString(),
                        "--no-audit",
                        "--no-fund",
                        "--no-progress",
                        "--loglevel=error",
                        SLACK_WEBHOOK),
                300);
    }

    @Test
    void a_slack_client_posts_through_a_webhook_made_in_the_browser_and_the_room_shows_it_live() throws Exception {
        UserSummary alice = register("alice");
        UserSummary bob = register("bob");
        RoomSummary room = rooms.create(alice.id(), "Builds " + alice.username(), null, false);
        members.join(bob.id(), room.slug());

        // Alice, the room's admin, makes a webhook from the room's header and copies its URL.
        Page a = signIn(alice, "/rooms/" + room.slug());
        a.locator("vaadin-button.webhooks-button").click();
        a.waitForURL(url("/rooms/" + room.slug() + "/webhooks"));
        a.locator(".webhooks-view vaadin-text-field input").first().fill("CI server");
        a.locator("vaadin-button", new Page.LocatorOptions().setHasText("Create webhook"))
                .click();
        Locator urlField = a.locator("vaadin-text-field.webhook-url input");
        assertThat(urlField).hasValue(java.util.regex.Pattern.compile(".*/hooks/wh_.+"));
        String hookUrl = urlField.inputValue();
        assertThat(hookUrl).startsWith(url("/hooks/"));
        assertThat(a.locator(".webhook-row")).containsText("CI server");

        // Bob has the room open; the Slack client posts.
        Page b = signIn(bob, "/rooms/" + room.slug());
        assertThat(b.locator(".empty-state")).isVisible();
        String answer =
                run(List.of("node", "-e", SCRIPT, hookUrl, "Build <https://ci.invalid/42|#42> *passed* :tada:"), 60);

        assertThat(answer).contains("\"text\":\"ok\"");
        Locator message = b.locator(".message").last();
        assertThat(message.locator(".message-author")).containsText("Jenkins");
        assertThat(message.locator(".message-via")).hasText("via webhook");
        assertThat(message.locator(".message-body strong").first()).hasText("passed");
        assertThat(message.locator(".message-body a[href='https://ci.invalid/42']"))
                .hasText("#42");
        assertThat(message.locator(".message-body a[href='https://ci.invalid/42/console']"))
                .hasText("Console output");
        assertThat(message.locator(".message-body")).containsText("All 12 stages green");
        assertThat(message.locator("img.webhook-icon")).hasAttribute("referrerpolicy", "no-referrer");
        // Alice sees it too, and it is not hers to edit.
        a.navigate(url("/rooms/" + room.slug()));
        Locator hers = a.locator(".message").last();
        assertThat(hers.locator(".message-via")).isVisible();
        assertThat(hers).not().hasClass(java.util.regex.Pattern.compile(".*\\bmine\\b.*"));

        // Revoked in the browser, the URL answers 404 to the client.
        a.navigate(url("/rooms/" + room.slug() + "/webhooks"));
        a.locator(".webhook-row vaadin-button.webhook-revoke").click();
        a.locator("vaadin-confirm-dialog-overlay vaadin-button, vaadin-confirm-dialog vaadin-button")
                .filter(new Locator.FilterOptions().setHasText("Revoke"))
                .last()
                .click();
        assertThat(a.locator(".webhook-list")).containsText("No webhooks yet.");
        ProcessResult refused = start(List.of("node", "-e", SCRIPT, hookUrl, "after revoking"), 60);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("404");
    }

    record ProcessResult(int exitCode, String stdout, String stderr) {}

    /** Runs a command in {@code target/slack-client}; fails the test with its output unless it exits with 0. */
    private static String run(List<String> command, int timeoutSeconds) throws Exception {
        ProcessResult result = start(command, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new AssertionError(command.getFirst() + " exited with " + result.exitCode() + "\nstdout:\n"
                    + result.stdout() + "\nstderr:\n" + result.stderr());
        }
        return result.stdout();
    }

    private static ProcessResult start(List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("slack-client", ".out");
        Path err = Files.createTempFile("slack-client", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(CLIENT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(
                        ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.put("CI", "true");
        env.put("NODE_PATH", CLIENT.resolve("node_modules").toString());
        // The server is on 127.0.0.1: never through a proxy the machine may have configured.
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("no_proxy", "127.0.0.1,localhost");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.getFirst() + " did not finish within " + timeoutSeconds + " s\nstderr:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        ProcessResult result = new ProcessResult(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }
}
