package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.NodeName;
import dev.parley.base.SecretTokens;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The browser sessions each user is signed in with, so that they can see them and sign any of them out, and so that
 * changing the password signs out all but the current one. A session is recorded at sign-in and forgotten when it ends.
 * Ending one first tells its open tabs ({@link SessionsEnded} on the user's topic, which sends them to the sign-in
 * page), then invalidates it a moment later, when they have been told; meanwhile any request that carries it is refused
 * ({@code security.EndedSessionFilter}). Sessions live in this server's memory, like the sessions themselves; in a
 * cluster, signing out reaches the sessions on the other nodes too ({@link SignOutRequested}).
 */
@Component
public class ActiveSessions {

    private static final Logger log = LoggerFactory.getLogger(ActiveSessions.class);

    /** How long an ended session's open tabs have to hear it before the session is invalidated. */
    static final Duration GRACE = Duration.ofMillis(1500);

    /**
     * One signed-in browser, as the user sees it.
     *
     * @param key an opaque handle for signing it out: never the session id, which is a credential
     * @param client the browser and system, from the User-Agent ("Chrome on Linux")
     */
    public record SignedIn(String key, Instant signedInAt, String client, boolean current) {}

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
    private final String node;
    private @Nullable Subscription requests;

    /** The sessions of one node that has no others to tell. */
    public ActiveSessions(ApplicationEventPublisher events, TaskScheduler scheduler, Clock clock) {
        this(events, scheduler, clock, null, null, "");
    }

    @Autowired
    ActiveSessions(
            ApplicationEventPublisher events,
            TaskScheduler scheduler,
            Clock clock,
            Broadcaster broadcaster,
            UserRepository users,
            NodeName node) {
        this(events, scheduler, clock, broadcaster, users, node.name());
    }

    /**
     * @param broadcaster where requests to sign out reach every node, this one included (which ignores its own)
     * @param users to tell the guests among the signed-in users
     * @param node this node's name
     */
    public ActiveSessions(
            ApplicationEventPublisher events,
            TaskScheduler scheduler,
            Clock clock,
            @Nullable Broadcaster broadcaster,
            @Nullable UserRepository users,
            String node) {
        this.events = events;
        this.scheduler = scheduler;
        this.clock = clock;
        this.broadcaster = broadcaster;
        this.users = users;
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
            end(user, e -> !e.session().getId().equals(request.keepSessionId()));
        }
    }

    /** A browser signed in (the session id has already been changed against fixation). */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof ParleyUser user
                && currentRequest() instanceof HttpServletRequest request) {
            record(user.id(), request.getSession(), request.getHeader("User-Agent"));
        }
    }

    /** Records a signed-in session; sign-in does it, and tests may. */
    public void record(UserId user, HttpSession session, @Nullable String userAgent) {
        bySessionId.put(session.getId(), new Entry(newKey(), user, session, clock.instant(), clientOf(userAgent)));
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

    /** The user's signed-in sessions, newest first; {@code currentSessionId} marks the one asking. */
    public List<SignedIn> of(UserId user, @Nullable String currentSessionId) {
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
        end(user, e -> e.key().equals(key));
        tellOtherNodes(new SignOutRequested(node, user, null, key, false));
    }

    /**
     * Signs out every session of the user but {@code keepSessionId} (null: all of them), on every node of a cluster.
     */
    public void signOutOthers(UserId user, @Nullable String keepSessionId) {
        end(user, e -> !e.session().getId().equals(keepSessionId));
        tellOtherNodes(new SignOutRequested(node, user, keepSessionId, null, false));
    }

    /** Signs out every guest's sessions on every node of a cluster (guest access was turned off). */
    void signOutGuests() {
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

    private static @Nullable HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
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
