package dev.parley.messages;

import dev.parley.accounts.UserId;
import dev.parley.files.Attachment;
import dev.parley.rooms.RoomId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message as views and the REST API show it; built once per message version, shared by every recipient.
 *
 * @param body the latest text; empty when the message was deleted
 * @param version the room version of the latest change to this message (its post, an edit or its deletion)
 * @param editedAt when the text was last edited, or null if never
 * @param deleted whether the message was deleted (a tombstone: no text, no actions)
 * @param mentions lower-case usernames mentioned in the body who are members of the room: the names to highlight
 * @param reactions the emoji people reacted with, in {@link Reactions#PALETTE} order, each with at least one user;
 *     empty for a deleted message
 * @param attachments its files in the order they were attached; empty for a deleted message (its files are gone)
 * @param webhook who the message is shown as when it came through an incoming webhook (its {@code author} is then the
 *     account that set the webhook up), or null for a message a person wrote
 */
public record ChatMessage(
        MessageId id,
        RoomId room,
        long seq,
        MessageAuthor author,
        String body,
        Instant createdAt,
        long version,
        @Nullable Instant editedAt,
        boolean deleted,
        Set<String> mentions,
        List<Reaction> reactions,
        List<Attachment> attachments,
        @Nullable WebhookSender webhook) {

    public ChatMessage {
        mentions = Set.copyOf(mentions);
        reactions = List.copyOf(reactions);
        attachments = List.copyOf(attachments);
    }

    /** A message a person wrote. */
    public ChatMessage(
            MessageId id,
            RoomId room,
            long seq,
            MessageAuthor author,
            String body,
            Instant createdAt,
            long version,
            @Nullable Instant editedAt,
            boolean deleted,
            Set<String> mentions,
            List<Reaction> reactions,
            List<Attachment> attachments) {
        this(
                id,
                room,
                seq,
                author,
                body,
                createdAt,
                version,
                editedAt,
                deleted,
                mentions,
                reactions,
                attachments,
                null);
    }

    /** Whether a person wrote it as themselves, rather than a webhook posting it: only then is it its author's own. */
    public boolean writtenBy(UserId user) {
        return webhook == null && author.id().equals(user);
    }

    /** Whether the user reacted with this emoji: clicking it again removes their reaction. */
    public boolean reactedBy(UserId user, String emoji) {
        for (Reaction reaction : reactions) {
            if (reaction.emoji().equals(emoji)) {
                return reaction.users().stream().anyMatch(u -> u.id().equals(user));
            }
        }
        return false;
    }

    public boolean edited() {
        return editedAt != null;
    }

    /**
     * The same message by the author as they are now (a new display name or picture). The version stays: it counts
     * changes to the room's messages, and the author's profile is not one.
     */
    public ChatMessage withAuthor(MessageAuthor newAuthor) {
        return new ChatMessage(
                id,
                room,
                seq,
                newAuthor,
                body,
                createdAt,
                version,
                editedAt,
                deleted,
                mentions,
                reactions,
                attachments,
                webhook);
    }
}
