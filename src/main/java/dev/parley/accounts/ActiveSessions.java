package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.NodeName;
import dev.parley.base.SecretTokens;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The browsers each user is signed in with, so that they can see them and sign any of them out, and so that changing
 * the password signs out all but the current one. A browser is kept in the database from sign-in until it is signed out
 * ({@link SignedInBrowsers}, with its secret in {@link BrowserCookie}), so that any node of a cluster can sign it in
 * again when the node that held its session is gone ({@link #resume}); its session on this node is kept here, in memory
 * like the session itself, and forgotten when it ends. Ending one first tells its open tabs ({@link SessionsEnded} on
 * the user's topic, which sends them to the sign-in page), then invalidates it a moment later, when they have been
 * told; meanwhile any request that carries it is refused ({@code security.EndedSessionFilter}). In a cluster, signing
 * out reaches the sessions on the other nodes too ({@link SignOutRequested}).
 */
@Component
public class ActiveSessions {

    private static final Logger log = LoggerFactory.getLogger(ActiveSessions.class);

    /** How long an ended session's open tabs have to hear it before the session is invalidated. */
    static final Duration GRACE = Duration.ofMillis(1500);

    /**
     * One signed-in browser, as the user sees it.
     *
     * @param key an opaque handle for signing it out: never the session id or the browser's secret, which are
     *     credentials
     * @param client the browser and system, from the User-Agent ("Chrome on Linux")
     */
    public record SignedIn(String key, Instant signedInAt, String client, boolean current) {}

    /** A session of this node; {@code key} names its browser. */
    private record Entry(String key, UserId user, HttpSession session, Instant signedInAt, String client) {}

    private final Map<String, Entry> bySessionId = new ConcurrentHashMap<>();
    /** Sessions signed out whose invalidation waits for the grace period: refused meanwhile ({@link #isEnding}). */
    private final Set<String> ending = ConcurrentHashMap.newKeySet();

    private final ApplicationEventPublisher events;
    private final TaskScheduler scheduler;
    private final Clock clock;
    /** Tells the other nodes of a cluster whom to sign out; null on a node that has none to tell (tests). */
    private final @Nullable Broadcaster broadcaster;

    private final @Nullable UserRepository users;
    /** The browsers in the database; null on a node that keeps none (tests), whose browsers only its sessions know. */
    private final @Nullable SignedInBrowsers browsers;

    private final String node;
    private @Nullable Subscription requests;

    /** The sessions of one node that has no others to tell. */
    public ActiveSessions(ApplicationEventPublisher events, TaskScheduler scheduler, Clock clock) {
        this(events, scheduler, clock, null, null, null, "");
    }

    @Autowired
    ActiveSessions(
            ApplicationEventPublisher events,
            TaskScheduler scheduler,
            Clock clock,
            Broadcaster broadcaster,
            UserRepository users,
            SignedInBrowsers browsers,
            NodeName node) {
        this(events, scheduler, clock, broadcaster, users, browsers, node.name());
    }

    /**
     * @param broadcaster where requests to sign out reach every node, this one included (which ignores its own)
     * @param users to tell the guests among the signed-in users
     * @param browsers where the signed-in browsers are kept, or null for none
     * @param node this node's name
     */
    ActiveSessions(
            ApplicationEventPublisher events,
            TaskScheduler scheduler,
            Clock clock,
            @Nullable Broadcaster broadcaster,
            @Nullable UserRepository users,
            @Nullable SignedInBrowsers browsers,
            String node) {
        this.events = events;
        this.scheduler = scheduler;
        this.clock = clock;
        this.broadcaster = broadcaster;
        this.users = users;
        this.browsers = browsers;
        this.node = node;
    }

    /** Signs out, on this node, the sessions another node was asked to sign out. */
    @PostConstruct
    void followOtherNodes() {
        if (broadcaster != null) {
            requests = broadcaster.subscribe(SignOutRequested.TOPIC, event -> {
                if (event instanceof SignOutRequested request && !request.node().equals(node)) {
                    onRequest(request);
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        if (requests != null) {
            requests.close();
        }
    }

    private void onRequest(SignOutRequested request) {
        UserId user = request.user();
        if (request.guests()) {
            signOutGuestsHere();
        } else if (user != null && request.key() != null) {
            end(user, e -> e.key().equals(request.key()));
        } else if (user != null) {
            end(user, e -> !e.key().equals(request.keepKey()));
        }
    }

    /**
     * A browser signed in with the form or single sign-on (the session id has already been changed against fixation):
     * recorded, and given its cookie.
     */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof ParleyUser user
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            HttpServletResponse response = servlet.getResponse();
            String secret = record(user.id(), request.getSession(), request.getHeader("User-Agent"));
            if (secret != null && response != null) {
                BrowserCookie.set(request, response, secret);
            }
        }
    }

    /**
     * Records a browser that has just signed in, with its session; sign-in does it, and tests may.
     *
     * @return the browser's secret for its {@link BrowserCookie}, or null where no browsers are kept
     */
    public @Nullable String record(UserId user, HttpSession session, @Nullable String userAgent) {
        String client = clientOf(userAgent);
        if (browsers == null) {
            bySessionId.put(session.getId(), new Entry(newKey(), user, session, clock.instant(), client));
            return null;
        }
        SignedInBrowsers.Opened browser = browsers.open(user, client);
        bySessionId.put(
                session.getId(), new Entry(String.valueOf(browser.id()), user, session, clock.instant(), client));
        return browser.secret();
    }

    /**
     * Signs a browser in again from its secret, with a new session on this node: the node that held its session died or
     * was stopped, or the session ran out while the browser kept its cookie. Empty if the browser was signed out,
     * unused for too long, or its account disabled.
     */
    public Optional<ParleyUser> resume(String secret, HttpServletRequest request) {
        if (browsers == null) {
            return Optional.empty();
        }
        return browsers.resume(secret).map(resumed -> {
            if (request.getSession(false) != null) {
                // A session this node made without a sign-in (the sign-in page's, say) gets a new id, as at sign-in.
                request.changeSessionId();
            }
            HttpSession session = request.getSession();
            bySessionId.put(
                    session.getId(),
                    new Entry(
                            String.valueOf(resumed.id()),
                            resumed.user().id(),
                            session,
                            clock.instant(),
                            clientOf(request.getHeader("User-Agent"))));
            log.info(
                    "A browser of {} was signed in again on this node",
                    resumed.user().id());
            return resumed.user();
        });
    }

    /**
     * The browser signs out itself: it is forgotten, on every node. Its session names its browser here; without one (a
     * session this node does not hold), its cookie's secret does.
     */
    public void signedOut(@Nullable HttpSession session, @Nullable String secret) {
        Entry entry = session == null ? null : bySessionId.get(session.getId());
        if (entry != null) {
            if (browsers != null) {
                browsers.forget(entry.user(), Long.parseLong(entry.key()));
            }
            tellOtherNodes(new SignOutRequested(node, entry.user(), null, entry.key(), false));
        } else if (browsers != null && secret != null) {
            browsers.forget(secret);
        }
    }

    /** Marks the browsers whose sessions this node holds as still in use, so that they stay signed in. */
    @Scheduled(fixedDelay = SignedInBrowsers.TOUCH_MINUTES, timeUnit = TimeUnit.MINUTES)
    void touchBrowsers() {
        if (browsers != null) {
            browsers.touch(bySessionId.values().stream()
                    .map(e -> Long.parseLong(e.key()))
                    .collect(Collectors.toSet()));
        }
    }

    @EventListener
    void ended(HttpSessionDestroyedEvent event) {
        bySessionId.remove(event.getId());
        ending.remove(event.getId());
    }

    /** Whether the session was signed out and must not serve another request. */
    public boolean isEnding(String sessionId) {
        return ending.contains(sessionId);
    }

    /** The user's signed-in browsers, newest first, on every node; {@code currentSessionId} marks the one asking. */
    public List<SignedIn> of(UserId user, @Nullable String currentSessionId) {
        if (browsers != null) {
            Entry current = currentSessionId == null ? null : bySessionId.get(currentSessionId);
            return browsers.of(user).stream()
                    .map(b -> new SignedIn(
                            String.valueOf(b.id()),
                            b.signedInAt(),
                            b.client(),
                            current != null && current.key().equals(String.valueOf(b.id()))))
                    .toList();
        }
        return bySessionId.entrySet().stream()
                .filter(e -> e.getValue().user().equals(user))
                .map(e -> new SignedIn(
                        e.getValue().key(),
                        e.getValue().signedInAt(),
                        e.getValue().client(),
                        e.getKey().equals(currentSessionId)))
                .sorted(Comparator.comparing(SignedIn::signedInAt).reversed())
                .toList();
    }

    /** The users with a signed-in session now. */
    public Set<UserId> signedInUsers() {
        return bySessionId.values().stream().map(Entry::user).collect(Collectors.toSet());
    }

    /**
     * Signs out one of the user's sessions, on whichever node of a cluster it is; a key that is not theirs (or already
     * gone) changes nothing.
     */
    public void signOut(UserId user, String key) {
        if (browsers != null) {
            try {
                browsers.forget(user, Long.parseLong(key));
            } catch (NumberFormatException notABrowser) {
                return;
            }
        }
        end(user, e -> e.key().equals(key));
        tellOtherNodes(new SignOutRequested(node, user, null, key, false));
    }

    /**
     * Signs out every browser of the user but the one of {@code keepSessionId} (null: all of them), on every node of a
     * cluster.
     */
    public void signOutOthers(UserId user, @Nullable String keepSessionId) {
        Entry keep = keepSessionId == null ? null : bySessionId.get(keepSessionId);
        String keepKey = keep == null || !keep.user().equals(user) ? null : keep.key();
        if (browsers != null) {
            browsers.forgetAllBut(user, keepKey == null ? null : Long.parseLong(keepKey));
        }
        end(user, e -> !e.key().equals(keepKey));
        tellOtherNodes(new SignOutRequested(node, user, keepKey, null, false));
    }

    /** Signs out every guest's browsers on every node of a cluster (guest access was turned off). */
    void signOutGuests() {
        if (browsers != null) {
            browsers.forgetGuests();
        }
        signOutGuestsHere();
        tellOtherNodes(new SignOutRequested(node, null, null, null, true));
    }

    /** One query for the guests among the users signed in here, however many guests there were. */
    private void signOutGuestsHere() {
        if (users == null) {
            return;
        }
        List<Long> signedIn = signedInUsers().stream().map(UserId::value).toList();
        if (!signedIn.isEmpty()) {
            users.findGuestIdsIn(signedIn).forEach(id -> end(new UserId(id), e -> true));
        }
    }

    private void tellOtherNodes(SignOutRequested request) {
        if (broadcaster != null) {
            // After the asking transaction commits (CommittedEventRelay), through the broadcaster to every node.
            events.publishEvent(request);
        }
    }

    private void end(UserId user, Predicate<Entry> which) {
        Map<String, Entry> signedOut = bySessionId.entrySet().stream()
                .filter(e -> e.getValue().user().equals(user) && which.test(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (signedOut.isEmpty()) {
            return;
        }
        signedOut.keySet().forEach(bySessionId::remove);
        ending.addAll(signedOut.keySet());
        events.publishEvent(new SessionsEnded(user, Set.copyOf(signedOut.keySet())));
        scheduler.schedule(
                () -> signedOut.values().forEach(this::invalidate),
                clock.instant().plus(GRACE));
    }

    private void invalidate(Entry entry) {
        ending.remove(entry.session().getId());
        try {
            entry.session().invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // Signed out meanwhile by its own tab, or expired: it is over either way, which is what was asked.
            log.debug("Session of {} was already invalid", entry.user());
        }
    }

    /** "Firefox on Windows", "Chrome on Android": enough to tell one's own browsers apart. */
    static String clientOf(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        String browser = userAgent.contains("Firefox/")
                ? "Firefox"
                : userAgent.contains("Edg/")
                        ? "Edge"
                        : userAgent.contains("Chrome/") || userAgent.contains("Chromium/")
                                ? "Chrome"
                                : userAgent.contains("Safari/") ? "Safari" : "Browser";
        String system = userAgent.contains("Android")
                ? "Android"
                : userAgent.contains("iPhone") || userAgent.contains("iPad")
                        ? "iOS"
                        : userAgent.contains("Windows")
                                ? "Windows"
                                : userAgent.contains("Mac OS")
                                        ? "macOS"
                                        : userAgent.contains("Linux") ? "Linux" : "an unknown system";
        return browser + " on " + system;
    }

    private static String newKey() {
        return SecretTokens.newToken("", 12);
    }
}
