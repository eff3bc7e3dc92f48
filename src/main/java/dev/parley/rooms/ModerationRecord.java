package dev.parley.rooms;

import dev.parley.accounts.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of a room's moderation log, as stored; {@link ModerationEntry} is how it is shown. */
@Entity
@Table(name = "moderation_log")
public class ModerationRecord {

    public static final int DETAIL_MAX_LENGTH = 600;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(name = "actor_id", nullable = false)
    private long actorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ModerationAction action;

    @Column(name = "target_id")
    private @Nullable Long targetId;

    @Column(nullable = false, length = ModerationService.REASON_MAX_LENGTH)
    private String reason;

    @Column(nullable = false, length = DETAIL_MAX_LENGTH)
    private String detail;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ModerationRecord() {
        this.action = ModerationAction.REMOVE;
        this.reason = "";
        this.detail = "";
        this.createdAt = Instant.EPOCH;
    }

    ModerationRecord(
            RoomId room,
            UserId actor,
            ModerationAction action,
            @Nullable UserId target,
            String reason,
            String detail,
            Instant createdAt) {
        this.roomId = room.value();
        this.actorId = actor.value();
        this.action = action;
        this.targetId = target == null ? null : target.value();
        this.reason = reason;
        this.detail = detail.length() > DETAIL_MAX_LENGTH ? detail.substring(0, DETAIL_MAX_LENGTH - 1) + "…" : detail;
        this.createdAt = createdAt;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("Log entry is not saved yet");
        }
        return id;
    }

    public UserId actorId() {
        return new UserId(actorId);
    }

    public ModerationAction action() {
        return action;
    }

    public @Nullable UserId targetId() {
        return targetId == null ? null : new UserId(targetId);
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
