package dev.parley.messages;

import dev.parley.accounts.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored reaction: one user reacted to one message with one emoji of {@link Reactions#PALETTE}. */
@Entity
@Table(name = "reactions")
public class MessageReaction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "message_id", nullable = false)
    private long messageId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false, length = 16)
    private String emoji;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MessageReaction() {
        this.emoji = "";
        this.createdAt = Instant.EPOCH;
    }

    MessageReaction(MessageId message, UserId user, String emoji, Instant createdAt) {
        this.messageId = message.value();
        this.userId = user.value();
        this.emoji = emoji;
        this.createdAt = createdAt;
    }

    public MessageId messageId() {
        return new MessageId(messageId);
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public String emoji() {
        return emoji;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
