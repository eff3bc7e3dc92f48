package dev.parley.rooms;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.presence.PresenceChanged;
import dev.parley.realtime.Broadcaster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A room's members as its open views show them: each with their role, online or when last seen. There is one per room
 * while some view of it is open ({@link RoomRosters}), shared by those views and kept up to date from the room's
 * events: a view holds no member of its own, and a presence change is applied once per room, not once per open view
 * (docs/benchmarks.md, heap per session).
 *
 * <p>Every change it applies is absolute (online or not, joined or left, this role, this name), so an event applied
 * twice, or to members loaded after it happened, changes nothing. The room's own events are subscribed to before the
 * load and wait for it, then apply in order; a presence or profile change that comes before the load finds no member
 * and is dropped, but it happened before the load read the members, so the load has it.
 */
public final class RoomRoster {

    /** How many members the sidebar shows; the others are counted. */
    public static final int MAX_SHOWN = 50;

    /** Online members first, then by name. */
    public static final Comparator<Member> ORDER = Comparator.comparing((Member m) -> !m.online())
            .thenComparing(m -> m.user().displayName(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(m -> m.user().username());

    /** A member as the sidebar shows them. */
    public record Member(
            UserSummary user,
            RoomRole role,
            boolean online,
            @Nullable Instant lastSeen) {}

    /**
     * The roster at one moment: the first {@value #MAX_SHOWN} members in {@link #ORDER}, how many there are and how
     * many are online; the same object for every view that reads it before the next change.
     */
    public record Snapshot(List<Member> first, int size, int online, List<Member> all) {

        /** Every member in {@link #ORDER}: sorted when asked (for mention suggestions), not kept sorted. */
        public List<Member> ordered() {
            List<Member> sorted = new ArrayList<>(all);
            sorted.sort(ORDER);
            return sorted;
        }
    }

    private final RoomId room;
    private final Map<UserId, Member> members = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private @Nullable Snapshot snapshot;
    private boolean loaded;
    private boolean presencePending;
    private Broadcaster.@Nullable Subscription subscription;
    /** How many views use it; changed by {@link RoomRosters} only, under its lock. */
    int users;

    RoomRoster(RoomId room) {
        this.room = room;
    }

    public RoomId room() {
        return room;
    }

    /** The roster now; made once per change, when first asked for. */
    public synchronized Snapshot snapshot() {
        Snapshot now = snapshot;
        if (now == null) {
            List<Member> all = List.copyOf(members.values());
            int online = (int) all.stream().filter(Member::online).count();
            now = new Snapshot(firstShown(all), all.size(), online, all);
            snapshot = now;
        }
        return now;
    }

    /**
     * The first view's: subscribes to the room's events, then loads its members. Whatever the subscription brings
     * meanwhile waits for this lock, and then applies to what was loaded.
     */
    synchronized void loadOnce(Supplier<Broadcaster.Subscription> subscribe, Supplier<List<RoomMember>> load) {
        if (loaded) {
            return;
        }
        subscription = subscribe.get();
        load.get()
                .forEach(m -> members.put(
                        m.user().id(),
                        new Member(m.user(), m.role(), m.online(), m.user().lastSeenAt())));
        loaded = true;
    }

    /**
     * Events of the room may have been missed (the connection to the other nodes of a cluster was interrupted): the
     * members are read again, and the views show them as they are now.
     */
    void reload(List<RoomMember> current) {
        synchronized (this) {
            if (!loaded) {
                return;
            }
            members.clear();
            snapshot = null;
            current.forEach(m -> members.put(
                    m.user().id(),
                    new Member(m.user(), m.role(), m.online(), m.user().lastSeenAt())));
        }
        notifyListeners();
    }

    /** The last view has gone. */
    void close() {
        Broadcaster.Subscription open = subscription;
        if (open != null) {
            open.close();
        }
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Someone joined or left: the views show it at once. */
    void onMembership(MembershipChanged change, boolean isOnline) {
        synchronized (this) {
            UserId id = change.user().id();
            if (change.joined()) {
                if (members.containsKey(id)) {
                    return;
                }
                members.put(
                        id,
                        new Member(
                                change.user(),
                                RoomRole.MEMBER,
                                isOnline,
                                change.user().lastSeenAt()));
            } else if (members.remove(id) == null) {
                return;
            }
            snapshot = null;
        }
        notifyListeners();
    }

    /** A member's role changed. */
    void onRoleChanged(MemberRoleChanged change) {
        synchronized (this) {
            Member member = members.get(change.user().id());
            if (member == null || member.role() == change.role()) {
                return;
            }
            members.put(
                    member.user().id(), new Member(member.user(), change.role(), member.online(), member.lastSeen()));
            snapshot = null;
        }
        notifyListeners();
    }

    /** A member changed their name or picture. */
    void onProfileChanged(UserSummary user) {
        synchronized (this) {
            Member member = members.get(user.id());
            if (member == null || member.user().equals(user)) {
                return;
            }
            members.put(user.id(), new Member(user, member.role(), member.online(), member.lastSeen()));
            snapshot = null;
        }
        notifyListeners();
    }

    /**
     * A member came online or went offline. Returns whether the views are to hear of it once the presence interval has
     * passed (this is the first change since they last did); presence comes in storms, and views show it in batches.
     */
    synchronized boolean onPresence(PresenceChanged change) {
        Member member = members.get(change.user());
        if (member == null) {
            return false;
        }
        Instant lastSeen = change.lastSeen() != null ? change.lastSeen() : member.lastSeen();
        members.put(change.user(), new Member(member.user(), member.role(), change.online(), lastSeen));
        snapshot = null;
        if (presencePending) {
            return false;
        }
        presencePending = true;
        return true;
    }

    /** The presence interval has passed: the views show the presence changes since they last did. */
    void presenceDue() {
        synchronized (this) {
            presencePending = false;
        }
        notifyListeners();
    }

    /** Tells every view; each listener only asks for a render later, on the view's own thread. */
    private void notifyListeners() {
        listeners.forEach(Runnable::run);
    }

    /**
     * The first {@value #MAX_SHOWN} members in {@link #ORDER}, found without sorting them all: in a room of thousands a
     * presence change would otherwise sort them all.
     */
    private static List<Member> firstShown(List<Member> all) {
        // The worst of those kept so far on top, so that a member who comes after it costs one comparison.
        PriorityQueue<Member> kept = new PriorityQueue<>(MAX_SHOWN + 1, ORDER.reversed());
        for (Member member : all) {
            if (kept.size() < MAX_SHOWN) {
                kept.add(member);
            } else if (ORDER.compare(member, kept.peek()) < 0) {
                kept.poll();
                kept.add(member);
            }
        }
        List<Member> first = new ArrayList<>(kept);
        first.sort(ORDER);
        return List.copyOf(first);
    }
}
