package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.RoomRepository;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Direct conversations: private rooms of a fixed group of people, without a public name, that nobody joins or is
 * invited into. Each group has at most one, found again by its participants.
 */
@Service
@Transactional
public class DirectConversations {

    /** The most people a direct conversation can have, its starter included. */
    public static final int MAX_PARTICIPANTS = 8;

    private static final String TOO_MANY =
            "A direct conversation has at most " + MAX_PARTICIPANTS + " people, you included";

    private final RoomRepository rooms;
    private final MembershipRepository memberships;
    private final RoomGuard guard;
    private final RoomSummaries summaries;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DirectConversations(
            RoomRepository rooms,
            MembershipRepository memberships,
            RoomGuard guard,
            RoomSummaries summaries,
            AccountService accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rooms = rooms;
        this.memberships = memberships;
        this.guard = guard;
        this.summaries = summaries;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens the user's direct conversation with these people, starting it when there is none: a private room of exactly
     * this group, without a public name, that nobody can join or be invited into. Starting one that exists opens it
     * (and takes the user back in if they had left it). Every participant's navigation lists it at once.
     *
     * @param usernames the other participants (the user may be among them; the order does not matter)
     * @throws InvalidInputException when nobody else is named, a name is empty or named twice, or more than
     *     {@value #MAX_PARTICIPANTS} people would be in it; the list itself is checked before anyone is looked up
     * @throws NotFoundException when a username belongs to nobody
     * @throws NotAllowedException when the user is a guest or disabled, or one of the people named is a guest
     */
    public RoomSummary start(UserId actor, Collection<String> usernames) {
        requireFewDistinctNames(usernames);
        guard.requireAccountHolder(actor, "Guests cannot start direct conversations");
        Set<UserId> participants = new TreeSet<>(Comparator.comparingLong(UserId::value));
        participants.add(actor);
        for (String username : usernames) {
            UserSummary participant = accounts.findByUsername(username)
                    .orElseThrow(() -> new NotFoundException("No user named " + username.strip()));
            if (participant.guest()) {
                throw new NotAllowedException(
                        participant.displayName() + " is a guest: guests cannot be in direct conversations");
            }
            participants.add(participant.id());
        }
        if (participants.size() < 2) {
            throw new InvalidInputException("Choose at least one person other than yourself");
        }
        if (participants.size() > MAX_PARTICIPANTS) {
            throw new InvalidInputException(TOO_MANY);
        }
        String key = participants.stream().map(id -> Long.toString(id.value())).collect(Collectors.joining(","));
        Optional<Room> existing = rooms.findByDirectKey(key);
        if (existing.isPresent()) {
            Room room = existing.get();
            if (!guard.isMember(room.id(), actor)) {
                memberships.save(new Membership(room.id(), actor, RoomRole.MEMBER, clock.instant(), room.lastSeq()));
                memberships.flush();
                announceJoined(room, List.of(actor));
            }
            return summaries.readable(actor, room);
        }
        Map<UserId, UserSummary> users = accounts.summaries(participants);
        String stored =
                participants.stream().map(id -> users.get(id).displayName()).collect(Collectors.joining(", "));
        if (stored.length() > Room.NAME_MAX_LENGTH) {
            stored = stored.substring(0, Room.NAME_MAX_LENGTH - 1) + "…";
        }
        String slug = Slugs.withSuffix("dm", rooms::existsBySlug);
        Room room = rooms.save(Room.direct(slug, stored, key, clock.instant()));
        for (UserId participant : participants) {
            memberships.save(new Membership(room.id(), participant, RoomRole.MEMBER, clock.instant(), 0));
        }
        memberships.flush();
        announceJoined(room, participants);
        return summaries.readable(actor, room);
    }

    /**
     * Refuses a list that cannot make a conversation before any of its names is looked up, so that a request of 30,000
     * names costs no more than one of two: more names than a conversation has people (the user may be among them), an
     * empty name, or one named twice (ignoring case, as usernames do).
     */
    private static void requireFewDistinctNames(Collection<? extends @Nullable String> usernames) {
        if (usernames.size() > MAX_PARTICIPANTS) {
            throw new InvalidInputException(TOO_MANY);
        }
        Set<String> seen = new HashSet<>();
        for (@Nullable String username : usernames) {
            if (username == null || username.isBlank()) {
                throw new InvalidInputException("usernames must not contain null or empty names");
            }
            if (!seen.add(username.strip().toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(username.strip() + " is named twice: name each person once");
            }
        }
    }

    /** Tells each new participant's tabs (their navigation) and the conversation's open views. */
    private void announceJoined(Room room, Collection<UserId> joined) {
        Map<UserId, RoomRole> roles = summaries.rolesIn(room.id());
        Map<UserId, UserSummary> users = accounts.summaries(joined);
        for (UserId user : joined) {
            RoomSummary summary = summaries
                    .namedFor(user, List.of(summaries.summarize(room, user, roles)), Map.of(room.id(), roles))
                    .getFirst();
            events.publishEvent(new MembershipChanged(summary, users.get(user), true, roles.size()));
        }
    }
}
