package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.rooms.internal.MembershipRepository;
import dev.parley.rooms.internal.RoomBanRepository;
import dev.parley.rooms.internal.RoomInviteRepository;
import dev.parley.rooms.internal.RoomMuteRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bans, mutes and the moderation log of a room. Moderators and admins ban and mute (moderators never act on admins);
 * only admins read the log, which also records removals, role changes and settings changes ({@link RoomService}). Every
 * check is made here, so the views and the REST API give the same answers.
 */
@Service
@Transactional
public class ModerationService {

    /** The longest reason one may give for a ban or a mute. */
    public static final int REASON_MAX_LENGTH = 500;

    /** The shortest and longest mute. */
    public static final Duration MIN_MUTE = Duration.ofMinutes(1);

    public static final Duration MAX_MUTE = Duration.ofDays(30);

    /** The most log entries one page holds. */
    public static final int MAX_LOG_PAGE = 100;

    private static final Set<RoomRole> MODERATORS = EnumSet.of(RoomRole.ADMIN, RoomRole.MODERATOR);
    private static final String ONLY_MODERATORS = "Only the room's admins and moderators can do this";

    private final RoomGuard guard;
    private final Memberships members;
    private final MembershipRepository memberships;
    private final RoomBanRepository bans;
    private final RoomMuteRepository mutes;
    private final RoomInviteRepository invites;
    private final ModerationLog log;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ModerationService(
            RoomGuard guard,
            Memberships members,
            MembershipRepository memberships,
            RoomBanRepository bans,
            RoomMuteRepository mutes,
            RoomInviteRepository invites,
            ModerationLog log,
            AccountService accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.guard = guard;
        this.members = members;
        this.memberships = memberships;
        this.bans = bans;
        this.mutes = mutes;
        this.invites = invites;
        this.log = log;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Bans a user from the room: a member is removed at once (their open views leave it, as for a removal), a pending
     * invitation of theirs is withdrawn, and until unbanned they cannot join, be invited, accept an invitation or use
     * an invite link. A user who is not a member may be banned too (a former member, someone about to be let in).
     *
     * @param reason why, shown to the room's moderators and in the log; may be empty
     * @throws NotFoundException when the room is private and the actor is not a member, or there is no such user
     * @throws NotAllowedException when the actor is neither admin nor moderator, or a moderator bans an admin
     * @throws InvalidInputException when the actor names themselves, or the reason is too long
     * @throws ConflictException when the user is banned already
     */
    public void ban(UserId actor, String slug, String username, @Nullable String reason) {
        Room room = guard.requireRoom(slug);
        RoomRole actorRole = guard.requireRole(room, actor, MODERATORS, ONLY_MODERATORS);
        String why = validReason(reason);
        UserSummary target = requireUser(username);
        if (target.id().equals(actor)) {
            throw new InvalidInputException("You cannot ban yourself");
        }
        Optional<Membership> membership =
                memberships.findByRoomIdAndUserId(room.id().value(), target.id().value());
        if (membership.isPresent() && membership.get().role() == RoomRole.ADMIN && actorRole != RoomRole.ADMIN) {
            throw new NotAllowedException("Moderators cannot ban admins");
        }
        if (bans.existsByRoomIdAndUserId(room.id().value(), target.id().value())) {
            throw new ConflictException(target.displayName() + " is already banned from this room");
        }
        bans.save(new RoomBan(room.id(), target.id(), actor, why, clock.instant()));
        if (invites.deleteByRoomIdAndUserId(room.id().value(), target.id().value()) > 0) {
            events.publishEvent(new InvitationsChanged(target.id()));
        }
        mutes.deleteByRoomIdAndUserId(room.id().value(), target.id().value());
        if (membership.isPresent()) {
            members.drop(room, membership.get(), accounts.summary(actor), true);
        }
        log.record(room.id(), actor, ModerationAction.BAN, target.id(), why, "");
    }

    /**
     * Lifts a ban: the user may join, be invited or use a link again (they are not let back in by it).
     *
     * @throws NotFoundException when the room is private and the actor is not a member, or the user is not banned
     * @throws NotAllowedException when the actor is neither admin nor moderator
     */
    public void unban(UserId actor, String slug, String username) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, MODERATORS, ONLY_MODERATORS);
        UserSummary target = requireUser(username);
        RoomBan ban = bans.findByRoomIdAndUserId(room.id().value(), target.id().value())
                .orElseThrow(() -> new NotFoundException(target.displayName() + " is not banned from this room"));
        bans.delete(ban);
        log.record(room.id(), actor, ModerationAction.UNBAN, target.id(), null, "");
    }

    /**
     * The users banned from the room, newest first; for its admins and moderators.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is neither admin nor moderator
     */
    @Transactional(readOnly = true)
    public List<BannedUser> bans(UserId actor, String slug) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, MODERATORS, ONLY_MODERATORS);
        List<RoomBan> list = bans.findByRoomIdOrderByCreatedAtDesc(room.id().value());
        Map<UserId, UserSummary> people = accounts.summaries(list.stream()
                .flatMap(b -> Stream.of(b.userId(), b.bannedBy()))
                .distinct()
                .toList());
        List<BannedUser> result = new ArrayList<>(list.size());
        for (RoomBan ban : list) {
            UserSummary user = people.get(ban.userId());
            UserSummary by = people.get(ban.bannedBy());
            if (user != null && by != null) {
                result.add(new BannedUser(user, by, ban.reason(), ban.createdAt()));
            }
        }
        return result;
    }

    /**
     * Mutes a member for a while: they read the room but cannot post, edit, react or upload until the time passes or
     * they are unmuted. Muting a muted member sets the new time. Their composer says until when at once
     * ({@link MemberMuted}).
     *
     * @return until when they are muted
     * @throws NotFoundException when the room is private and the actor is not a member, or the user is no member
     * @throws NotAllowedException when the actor is neither admin nor moderator, or a moderator mutes an admin
     * @throws InvalidInputException when the actor names themselves, the time is not between 1 minute and 30 days, or
     *     the reason is too long
     */
    public Instant mute(UserId actor, String slug, String username, Duration duration, @Nullable String reason) {
        Room room = guard.requireRoom(slug);
        RoomRole actorRole = guard.requireRole(room, actor, MODERATORS, ONLY_MODERATORS);
        String why = validReason(reason);
        if (duration.compareTo(MIN_MUTE) < 0 || duration.compareTo(MAX_MUTE) > 0) {
            throw new InvalidInputException("A mute lasts from 1 minute to 30 days");
        }
        Membership membership = members.requireMembership(room, username);
        if (membership.userId().equals(actor)) {
            throw new InvalidInputException("You cannot mute yourself");
        }
        if (membership.role() == RoomRole.ADMIN && actorRole != RoomRole.ADMIN) {
            throw new NotAllowedException("Moderators cannot mute admins");
        }
        Instant now = clock.instant();
        Instant until = now.plus(duration);
        Optional<RoomMute> existing = mutes.findByRoomIdAndUserId(
                room.id().value(), membership.userId().value());
        if (existing.isPresent()) {
            existing.get().renew(actor, why, now, until);
        } else {
            mutes.save(new RoomMute(room.id(), membership.userId(), actor, why, now, until));
        }
        log.record(room.id(), actor, ModerationAction.MUTE, membership.userId(), why, "until " + until);
        events.publishEvent(new MemberMuted(room.id(), membership.userId(), until));
        return until;
    }

    /**
     * Lifts a member's mute at once.
     *
     * @throws NotFoundException when the room is private and the actor is not a member, or the user is not muted
     * @throws NotAllowedException when the actor is neither admin nor moderator, or a moderator unmutes an admin
     */
    public void unmute(UserId actor, String slug, String username) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(room, actor, MODERATORS, ONLY_MODERATORS);
        UserSummary target = requireUser(username);
        RoomMute mute = mutes.findByRoomIdAndUserId(
                        room.id().value(), target.id().value())
                .filter(m -> m.activeAt(clock.instant()))
                .orElseThrow(() -> new NotFoundException(target.displayName() + " is not muted in this room"));
        mutes.delete(mute);
        log.record(room.id(), actor, ModerationAction.UNMUTE, target.id(), null, "");
        events.publishEvent(new MemberUnmuted(room.id(), target.id()));
    }

    /**
     * The room's muted members, the soonest to be unmuted first; for its admins and moderators.
     *
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is neither admin nor moderator
     */
    @Transactional(readOnly = true)
    public List<MutedMember> mutes(UserId actor, RoomId id) {
        Room room = guard.requireRoom(id);
        guard.requireRole(room, actor, MODERATORS, ONLY_MODERATORS);
        List<RoomMute> list = mutes.findActive(room.id().value(), clock.instant());
        Map<UserId, UserSummary> people = accounts.summaries(list.stream()
                .flatMap(m -> Stream.of(m.userId(), m.mutedBy()))
                .distinct()
                .toList());
        List<MutedMember> result = new ArrayList<>(list.size());
        for (RoomMute mute : list) {
            UserSummary user = people.get(mute.userId());
            UserSummary by = people.get(mute.mutedBy());
            if (user != null && by != null) {
                result.add(new MutedMember(user, by, mute.reason(), mute.mutedUntil()));
            }
        }
        return result;
    }

    /**
     * A page of the room's moderation log, newest first; for its admins only.
     *
     * @param beforeId the id of the oldest entry already shown, or {@link Long#MAX_VALUE} for the newest page
     * @throws NotFoundException when the room is private and the actor is not a member
     * @throws NotAllowedException when the actor is not an admin of the room
     * @throws InvalidInputException when {@code limit} is not between 1 and {@value #MAX_LOG_PAGE}
     */
    @Transactional(readOnly = true)
    public List<ModerationEntry> log(UserId actor, String slug, long beforeId, int limit) {
        Room room = guard.requireRoom(slug);
        guard.requireRole(
                room, actor, EnumSet.of(RoomRole.ADMIN), "Only the room's admins can read its moderation log");
        if (limit < 1 || limit > MAX_LOG_PAGE) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LOG_PAGE);
        }
        return log.page(room.id(), beforeId, limit);
    }

    /** Mutes whose time has passed, a page at a time: what {@link MuteSweeper} ends. */
    @Transactional(readOnly = true)
    List<RoomMute> endedMutes(int limit) {
        return mutes.findEnded(clock.instant(), Limit.of(limit));
    }

    /**
     * Removes mutes whose time has passed and tells each member's views ({@link MemberUnmuted}). A mute renewed or
     * lifted since it was read is left alone.
     */
    void endMutes(List<RoomMute> ended) {
        Instant now = clock.instant();
        for (RoomMute mute : ended) {
            if (mutes.deleteIfEnded(mute.id(), now) == 1) {
                events.publishEvent(new MemberUnmuted(mute.roomId(), mute.userId()));
            }
        }
    }

    private UserSummary requireUser(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("No user is called " + username.strip()));
    }

    private static String validReason(@Nullable String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() > REASON_MAX_LENGTH) {
            throw new InvalidInputException("A reason must be at most " + REASON_MAX_LENGTH + " characters");
        }
        return why;
    }
}
