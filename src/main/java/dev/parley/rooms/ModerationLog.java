package dev.parley.rooms;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.internal.ModerationRecordRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads rooms' moderation logs. Every moderation action and settings change is recorded here, in the
 * transaction that makes it, by the service that makes it; who may read a log is {@link ModerationService}'s to check.
 */
@Component
@Transactional
class ModerationLog {

    private final ModerationRecordRepository records;
    private final AccountService accounts;
    private final Clock clock;

    ModerationLog(ModerationRecordRepository records, AccountService accounts, Clock clock) {
        this.records = records;
        this.accounts = accounts;
        this.clock = clock;
    }

    void record(
            RoomId room,
            UserId actor,
            ModerationAction action,
            @Nullable UserId target,
            @Nullable String reason,
            String detail) {
        records.save(new ModerationRecord(
                room, actor, action, target, reason == null ? "" : reason, detail, clock.instant()));
    }

    /** A page of the room's log, newest first, older than entry {@code beforeId}; people looked up in one query. */
    @Transactional(readOnly = true)
    List<ModerationEntry> page(RoomId room, long beforeId, int limit) {
        List<ModerationRecord> page = records.findPage(room.value(), beforeId, Limit.of(limit));
        Map<UserId, UserSummary> people = accounts.summaries(page.stream()
                .flatMap(r -> Stream.of(r.actorId(), r.targetId()))
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        List<ModerationEntry> entries = new ArrayList<>(page.size());
        for (ModerationRecord r : page) {
            UserSummary actor = people.get(r.actorId());
            UserId targetId = r.targetId();
            if (actor != null) {
                entries.add(new ModerationEntry(
                        r.id(),
                        actor,
                        r.action(),
                        targetId == null ? null : people.get(targetId),
                        r.reason(),
                        r.detail(),
                        r.createdAt()));
            }
        }
        return entries;
    }
}
