package dev.parley.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End-to-end tests in a real Chromium (Debian's, at {@code /usr/bin/chromium} or {@code CHROMIUM_PATH}) driven by
 * Playwright. One browser per test class, a fresh context (cookies, storage) per simulated person.
 */
@E2eTest
public abstract class BrowserTestSupport {

    private static Playwright playwright;
    protected static Browser browser;

    @LocalServerPort
    protected int port;

    @Autowired
    protected AccountService accounts;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        playwright = startPlaywright();
        browser = launchChromium(playwright);
    }

    /** Playwright for Debian's Chromium: it downloads no browser of its own. */
    public static Playwright startPlaywright() {
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Debian's Chromium, headless, with what it would reach on the network by itself turned off. */
    public static Browser launchChromium(Playwright playwright) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium())
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private static Path chromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        Path path = Paths.get(configured != null ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("Chromium not found at " + path + ": install it (apt-get install chromium) "
                    + "or set CHROMIUM_PATH");
        }
        return path;
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A new person at a new browser. */
    protected Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 800));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        return context.newPage();
    }

    protected UserSummary register(String word) {
        return Fixtures.user(accounts, word);
    }

    /** Signs in through the real sign-in form and waits for the app to load. */
    protected Page signIn(UserSummary user, String path) {
        return signIn(newPage(), user, path);
    }

    /** Signs in on a page prepared by the caller (for example, a browser without something). */
    protected Page signIn(Page page, UserSummary user, String path) {
        page.navigate(url(path));
        fillLoginForm(page, user);
        try {
            // Spring Security sends the user back to where they were going (with a "continue" marker).
            page.waitForURL(u -> u.startsWith(url(path)));
            page.locator("vaadin-app-layout").waitFor();
        } catch (PlaywrightException e) {
            throw new AssertionError(
                    "Sign-in of " + user.username() + " did not reach " + path + "; screenshot: "
                            + screenshot(page, "sign-in-" + user.username()),
                    e);
        }
        return page;
    }

    /** Saves a screenshot under target/e2e-screenshots for a failure message. */
    public static Path screenshot(Page page, String name) {
        Path file = Paths.get("target", "e2e-screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    public static void fillLoginForm(Page page, UserSummary user) {
        page.locator("vaadin-login-form input[name=username]").fill(user.username());
        page.locator("vaadin-login-form input[name=password]").fill(Fixtures.PASSWORD);
        page.locator("vaadin-login-form vaadin-button[slot=submit], vaadin-login-form vaadin-button")
                .first()
                .click();
    }
}
