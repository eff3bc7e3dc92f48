package dev.parley.cluster;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import dev.parley.accounts.UserSummary;
import dev.parley.e2e.BrowserTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chromium for the cluster's browser tests: people at browsers that only ever talk to HAProxy, each in a context of its
 * own (cookies, storage), put on a node by HAProxy's {@code PARLEY_NODE} cookie. While it is open, Playwright's
 * assertions wait {@link #CROSS_NODE}; {@link #close} puts back the 5 s of the other browser test classes of the JVM.
 */
final class HaproxyBrowsers implements AutoCloseable {

    /**
     * Whatever crosses nodes goes through Redis and HAProxy, on a machine that may be busy: well above the 5 s the
     * single-node browser tests wait.
     */
    static final double CROSS_NODE = 30_000;

    private final HaproxyFront haproxy;
    private final Playwright playwright;
    private final Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    HaproxyBrowsers(HaproxyFront haproxy) {
        this.haproxy = haproxy;
        this.playwright = BrowserTestSupport.startPlaywright();
        try {
            this.browser = BrowserTestSupport.launchChromium(playwright);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(CROSS_NODE);
    }

    /**
     * A new person at a new browser that HAProxy has already sent to {@code node} (the cookie it would have set), or a
     * browser new to HAProxy ({@code null}).
     */
    Page newPage(@Nullable String node) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1200, 800));
        context.setDefaultTimeout(CROSS_NODE);
        context.setDefaultNavigationTimeout(60_000);
        contexts.add(context);
        if (node != null) {
            context.addCookies(List.of(new Cookie(HaproxyFront.COOKIE, node).setUrl(haproxy.url("/"))));
        }
        return context.newPage();
    }

    /** Signs in through HAProxy with the sign-in form, on the way to {@code path}, and waits for the app. */
    Page signIn(Page page, UserSummary user, String path) {
        page.navigate(haproxy.url(path));
        BrowserTestSupport.fillLoginForm(page, user);
        try {
            page.waitForURL(url -> url.startsWith(haproxy.url(path)));
            page.locator("vaadin-app-layout").waitFor();
        } catch (PlaywrightException e) {
            throw new AssertionError(
                    "Sign-in of " + user.username() + " through HAProxy did not reach " + path + "; screenshot: "
                            + BrowserTestSupport.screenshot(page, "haproxy-sign-in-" + user.username()),
                    e);
        }
        return page;
    }

    /** Posts {@code text} with the open room's composer. */
    static void send(Page page, String text) {
        Locator composer = page.locator("vaadin-text-area.composer-input textarea");
        composer.fill(text);
        composer.press("Enter");
    }

    /**
     * Marks the page on screen, so that {@link #loadedAnotherPage} can tell it from the next one: a page stays on
     * screen after its node is gone until the browser loads a new one.
     */
    static void markPage(Page page) {
        page.evaluate("() => { window.parleyPageBefore = true; }");
    }

    /** Whether the browser has loaded another page since {@link #markPage}. */
    static boolean loadedAnotherPage(Page page) {
        try {
            return !Boolean.TRUE.equals(page.evaluate("() => window.parleyPageBefore === true"));
        } catch (PlaywrightException e) {
            // The page is being replaced.
            return false;
        }
    }

    /** The node HAProxy has this browser on. */
    static @Nullable String nodeCookie(Page page) {
        return page.context().cookies().stream()
                .filter(cookie -> cookie.name.equals(HaproxyFront.COOKIE))
                .map(cookie -> cookie.value)
                .findFirst()
                .orElse(null);
    }

    /** Closes every person's browser context, for the next test. */
    void closePages() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Override
    public void close() {
        // The other browser test classes of this JVM wait as long as they always did.
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        browser.close();
        playwright.close();
    }
}
