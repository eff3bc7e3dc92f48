package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.files.StoredFile;
import dev.parley.rooms.RoomId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.jspecify.annotations.Nullable;

/**
 * A stored message; {@code seq} numbers the messages of a room 1, 2, 3… without gaps, and {@code version} is the room
 * version of its latest change (posting, editing, reacting to or deleting it). A deleted message keeps its row as a
 * tombstone with an empty body.
 */
@Entity
@Table(name = "messages")
public class Message {

    /** The longest body, counted after trimming. */
    public static final int BODY_MAX_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "INTEGER")
    private @Nullable Long id;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "author_id", nullable = false)
    private long authorId;

    @Column(nullable = false, length = BODY_MAX_LENGTH)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private long version;

    @Column(name = "edited_at")
    private @Nullable Instant editedAt;

    @Column(name = "deleted_at")
    private @Nullable Instant deletedAt;

    /** The webhook it came through, or null for a message a person wrote. */
    @Column(name = "webhook_id")
    private @Nullable Long webhookId;

    /** The name it is shown under when it came through a webhook (the name at the time it was posted). */
    @Column(name = "webhook_name", length = WebhookSender.NAME_MAX_LENGTH)
    private @Nullable String webhookName;

    @Column(name = "webhook_icon_url", length = WebhookSender.ICON_URL_MAX_LENGTH)
    private @Nullable String webhookIconUrl;

    /**
     * The files attached to it, read-only: {@link dev.parley.files.FileService} attaches and deletes them, by message
     * id. Mapped for the search index (their names and types), which reads them in batches when it rebuilds.
     */
    @OneToMany(fetch = FetchType.LAZY)
    @JoinColumn(name = "message_id", insertable = false, updatable = false)
    @OrderBy("sortOrder")
    @BatchSize(size = 100)
    private List<StoredFile> files = new ArrayList<>();

    protected Message() {
        this.body = "";
        this.createdAt = Instant.EPOCH;
    }

    /** A new message; {@code via} is the webhook it came through (set up by {@code author}), or null. */
    Message(
            RoomId room,
            long seq,
            long version,
            UserId author,
            String body,
            Instant createdAt,
            @Nullable WebhookSender via) {
        this.roomId = room.value();
        this.seq = seq;
        this.version = version;
        this.authorId = author.value();
        this.body = body;
        this.createdAt = createdAt;
        if (via != null) {
            this.webhookId = via.webhookId();
            this.webhookName = via.name();
            this.webhookIconUrl = via.iconUrl();
        }
    }

    void edit(String newBody, Instant at, long newVersion) {
        this.body = newBody;
        this.editedAt = at;
        this.version = newVersion;
    }

    /** Stamps a change that is not to the text (a reaction added or removed) with the room's new version. */
    void changed(long newVersion) {
        this.version = newVersion;
    }

    /** Forgets the text for good; the row stays so that the message's place in the room shows a tombstone. */
    void delete(Instant at, long newVersion) {
        this.body = "";
        this.deletedAt = at;
        this.version = newVersion;
    }

    public MessageId id() {
        if (id == null) {
            throw new IllegalStateException("Message is not saved yet");
        }
        return new MessageId(id);
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public long seq() {
        return seq;
    }

    public UserId authorId() {
        return new UserId(authorId);
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public @Nullable Instant editedAt() {
        return editedAt;
    }

    public @Nullable Instant deletedAt() {
        return deletedAt;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** Who the message is shown as when it came through a webhook; null for a message a person wrote. */
    public @Nullable WebhookSender webhook() {
        return webhookId == null
                ? null
                : new WebhookSender(webhookId, webhookName == null ? "" : webhookName, webhookIconUrl);
    }
}
