package dev.parley.messages;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.RateLimitedException;
import dev.parley.base.TooLargeException;
import dev.parley.files.Attachment;
import dev.parley.files.FileId;
import dev.parley.files.FileRefusedException;
import dev.parley.files.FileService;
import dev.parley.files.IncomingFile;
import dev.parley.messages.internal.MessageRepository;
import dev.parley.messages.internal.ReactionRepository;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.MembershipChanged;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.MessageNumbers;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomDeleted;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomSequences;
import dev.parley.rooms.RoomUpdated;
import dev.parley.rooms.reading.ReadPositions;
import dev.parley.rooms.reading.RecentMention;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts, edits, deletes and reacts to messages, reads history and changes, and subscribes views to a room's live
 * events, checking access every time.
 */
@Service
@Transactional
public class MessageService {

    public static final int PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;

    /** The answer for a missing message and for one in a room the user may not see alike. */
    private static final String NO_SUCH_MESSAGE = "No such message";

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final RoomGuard guard;
    private final Memberships memberships;
    private final ReadPositions reading;
    private final RoomSequences sequences;
    private final AccountService accounts;
    private final Broadcaster broadcaster;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MessageRateLimiter rateLimiter;
    private final EntityManager entityManager;
    private final FileService files;
    /** A post's checks, on a reader. */
    private final TransactionTemplate readOnly;
    /** A post's writes, on the writer (in batches on SQLite). */
    private final GroupCommit writes;

    MessageService(
            MessageRepository messages,
            ReactionRepository reactions,
            RoomGuard guard,
            Memberships memberships,
            ReadPositions reading,
            RoomSequences sequences,
            AccountService accounts,
            Broadcaster broadcaster,
            ApplicationEventPublisher events,
            Clock clock,
            MessageRateLimiter rateLimiter,
            EntityManager entityManager,
            FileService files,
            PlatformTransactionManager transactions,
            GroupCommit writes) {
        this.messages = messages;
        this.reactions = reactions;
        this.guard = guard;
        this.memberships = memberships;
        this.reading = reading;
        this.sequences = sequences;
        this.accounts = accounts;
        this.broadcaster = broadcaster;
        this.events = events;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.entityManager = entityManager;
        this.files = files;
        this.writes = writes;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
    }

    /**
     * Stores a message and, once the transaction commits, delivers it to every open view of the room.
     *
     * @throws InvalidInputException when the body is empty after trimming
     * @throws TooLargeException when it is longer than {@value Message#BODY_MAX_LENGTH} characters
     * @throws RateLimitedException when the user has used up their allowance ({@link MessageRateLimitProperties})
     */
    // Not in the class's write transaction: the call below is not proxied, and its own SUPPORTS would not apply.
    @Transactional(propagation = Propagation.SUPPORTS)
    public ChatMessage post(UserId actor, RoomId room, String body) {
        return post(actor, room, body, List.of());
    }

    /**
     * Stores a message with the user's pending uploads to this room as its files ({@link FileService#upload}), all in
     * one transaction, and once it commits delivers it to every open view of the room. The text may be empty when there
     * are files.
     *
     * @throws InvalidInputException when both the body (after trimming) and the files are empty
     * @throws TooLargeException when the body is longer than {@value Message#BODY_MAX_LENGTH} characters
     * @throws RateLimitedException when the user has used up their allowance ({@link MessageRateLimitProperties})
     * @throws NotAllowedException when the user is not a member, the room is archived, or the user is muted there
     *     ({@link dev.parley.rooms.MutedException})
     * @throws FileRefusedException when there are more files than a message may have
     * @throws NotFoundException when a file is not a pending upload of this user to this room
     * @throws dev.parley.base.StorageFullException when the disk or the database is full: nothing was stored
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public ChatMessage post(UserId actor, RoomId room, String body, List<FileId> fileIds) {
        String text = validBody(body, !fileIds.isEmpty());
        rateLimiter.acquire(actor); // before any query: a flood of refused posts never reaches the database
        MessageAuthor author = requirePoster(actor, room, false);
        return write(actor, author, room, text, fileIds);
    }

    /**
     * Posts a message with the files that come with it (the REST API's multipart post). Everything that needs none of
     * their bytes is checked first: the text, the number of files, the posting limit, that the user may post in the
     * room and upload files. Only then is each file read and uploaded ({@link FileService#upload}: size, type, and an
     * image's header before it waits for a decoder), and the message posted with them. A post over the limit thus costs
     * no reading or decoding at all. When anything is refused, the files already stored are removed again and nothing
     * is posted.
     *
     * @throws InvalidInputException when both the body (after trimming) and the files are empty
     * @throws TooLargeException when the body is longer than {@value Message#BODY_MAX_LENGTH} characters
     * @throws FileRefusedException when there are more files than a message may have, or a file breaks a rule
     * @throws RateLimitedException when the user has used up their allowance ({@link MessageRateLimitProperties})
     * @throws NotAllowedException as {@link #post(UserId, RoomId, String, List)}, and for a user who may not upload
     * @throws dev.parley.files.DecodersBusyException when an image found no free decoder in time
     * @throws dev.parley.base.StorageFullException when the disk or the database is full: nothing was stored
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ChatMessage postWithFiles(UserId actor, RoomId room, String body, List<IncomingFile> incoming) {
        String text = validBody(body, !incoming.isEmpty());
        files.requireFileCount(incoming.size());
        rateLimiter.acquire(actor);
        MessageAuthor author = requirePoster(actor, room, !incoming.isEmpty());
        List<FileId> uploaded = new ArrayList<>(incoming.size());
        boolean posted = false;
        try {
            for (IncomingFile file : incoming) {
                try (InputStream content = file.content().open()) {
                    uploaded.add(files.upload(actor, room, file.name(), content).id());
                }
            }
            ChatMessage message = write(actor, author, room, text, uploaded);
            posted = true;
            return message;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an uploaded file", e);
        } finally {
            if (!posted) {
                uploaded.forEach(id -> files.discard(actor, id));
            }
        }
    }

    /**
     * Checks on a reader that the user may post in the room (and upload files, when asked), and returns their name as
     * shown with the post: a refused post never waits for the one writer, and an accepted one holds it only for the
     * statements that write, since every post in every room queues for it (see
     * docs/design-decisions/2026-11-22-short-write-transactions.md).
     */
    private MessageAuthor requirePoster(UserId actor, RoomId room, boolean withFiles) {
        return Objects.requireNonNull(readOnly.execute(status -> {
            guard.requirePoster(actor, room);
            if (withFiles) {
                accounts.requireMayUpload(actor);
            }
            return MessageAuthor.of(accounts.summary(actor));
        }));
    }

    /**
     * Writes a checked post: on SQLite with the other posts waiting for the writer, in one transaction (GroupCommit).
     */
    private ChatMessage write(UserId actor, MessageAuthor author, RoomId room, String text, List<FileId> fileIds) {
        return writes.write(() -> store(actor, author, room, text, null, fileIds), this::storedAsPosted);
    }

    /**
     * Whether a post is in the database as it was posted, read anew on a reader: the group commit asks after a commit
     * that reported a failure, which may still have stored it. Its number, time and text too, not only its id: an id of
     * a rolled-back post is taken again by the next one.
     */
    private boolean storedAsPosted(ChatMessage posted) {
        return Boolean.TRUE.equals(readOnly.execute(status -> messages.existsAsPosted(
                posted.id().value(), posted.room().value(), posted.seq(), posted.createdAt(), posted.body())));
    }

    /**
     * Posts a message that came through an incoming webhook: the same checks and limits as a member's post (the text's
     * length, the posting limit, kept per webhook, and that {@code creator}, who set the webhook up, may post in the
     * room), shown as {@code via}. It is unread for everyone, the creator included, and mentions notify everyone named,
     * the creator included.
     *
     * @throws InvalidInputException when the body is empty after trimming
     * @throws TooLargeException when it is longer than {@value Message#BODY_MAX_LENGTH} characters
     * @throws RateLimitedException when the webhook has used up its allowance ({@link MessageRateLimitProperties})
     * @throws NotFoundException when the room is private and the creator is no longer a member of it
     * @throws NotAllowedException when the creator is no longer a member of the (public) room
     */
    public ChatMessage postViaWebhook(UserId creator, RoomId room, WebhookSender via, String body) {
        String text = validBody(body, false);
        rateLimiter.acquire(new MessageRateLimiter.WebhookKey(via.webhookId()));
        guard.requirePoster(creator, room);
        return store(creator, MessageAuthor.of(accounts.summary(creator)), room, text, via, List.of());
    }

    /**
     * Writes a post whose poster was checked, in the caller's write transaction: takes its numbers, stores it with its
     * files, moves its author's read position past it, and publishes it and its mentions (delivered once the
     * transaction commits). The one path of a member's post and a webhook's.
     *
     * @param author who wrote it, or who set up the webhook it came through
     * @param shownAs the author as shown with the message
     * @param via the webhook it came through, or null for a member's post. A webhook's poster was checked in this
     *     transaction, so its numbers are taken without checking again, and it stays unread for its creator too.
     */
    private ChatMessage store(
            UserId author,
            MessageAuthor shownAs,
            RoomId room,
            String text,
            @Nullable WebhookSender via,
            List<FileId> fileIds) {
        // A member was checked on a reader: the statement that takes the numbers checks again that they may still post.
        MessageNumbers numbers =
                via == null ? sequences.nextMessageNumbersFor(author, room) : sequences.nextMessageNumbers(room);
        Message message =
                messages.save(new Message(room, numbers.seq(), numbers.version(), author, text, clock.instant(), via));
        List<Attachment> attachments = files.attach(author, room, message.id().value(), fileIds);
        if (via == null) {
            reading.readOwnMessage(author, room, numbers.seq());
        }
        Map<String, UserId> mentioned = mentionedMembers(room, text);
        ChatMessage posted = toChatMessage(message, shownAs, mentioned.keySet(), List.of(), attachments);
        events.publishEvent(new MessagePosted(posted));
        notifyMentioned(posted, mentioned.values());
        return posted;
    }

    /**
     * Replaces the text of one's own message and, once the transaction commits, shows the new text in every open view
     * of the room ({@link MessageEdited}). The same text again changes nothing.
     *
     * @throws InvalidInputException when the body is empty after trimming and the message has no files
     * @throws TooLargeException when it is longer than {@value Message#BODY_MAX_LENGTH} characters
     * @throws NotFoundException when there is no such message, or it is in a room the user may not see
     * @throws NotAllowedException when the user did not write it, is no longer a member of its room, the room is
     *     archived, the user is muted there ({@link dev.parley.rooms.MutedException}), or it came through a webhook
     * @throws ConflictException when the message was deleted
     */
    public ChatMessage edit(UserId actor, MessageId id, String body) {
        String text = validBody(body, true);
        Message message = messages.findById(id.value()).orElseThrow(MessageService::noSuchMessage);
        RoomAccess access = accessTo(actor, message);
        if (!message.authorId().equals(actor)) {
            throw new NotAllowedException("You can only edit your own messages");
        }
        if (message.webhook() != null) {
            throw new NotAllowedException("Messages posted by a webhook cannot be edited");
        }
        if (message.deleted()) {
            throw deletedConflict();
        }
        if (!access.member()) {
            throw new NotAllowedException("Join the room again to edit your messages in it");
        }
        guard.requireMayChangeMessages(actor, message.roomId());
        if (text.isEmpty() && !files.attachmentsOf(List.of(id.value())).containsKey(id.value())) {
            throw emptyMessage();
        }
        if (message.body().equals(text)) {
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        long version = lockAndReload(message);
        if (message.deleted()) {
            throw deletedConflict();
        }
        Set<String> mentionedBefore = mentionsIn(message.body());
        message.edit(text, clock.instant(), version);
        ChatMessage edited = withAuthors(message.roomId(), List.of(message)).getFirst();
        events.publishEvent(new MessageEdited(edited));
        // Names the edit added are told, as if the message had been posted so; names it kept are not told again.
        Set<String> added = new HashSet<>(edited.mentions());
        added.removeAll(mentionedBefore);
        notifyMentioned(
                edited, memberships.membersNamed(message.roomId(), added).values());
        return edited;
    }

    /**
     * Deletes a message: its author may, and so may the room's admins and moderators. The text is erased from storage;
     * the message stays in its place as a tombstone, and once the transaction commits every open view of the room shows
     * it so ({@link MessageDeleted}). Deleting a deleted message changes nothing.
     *
     * @return the tombstone
     * @throws NotFoundException when there is no such message, or it is in a room the user may not see
     * @throws NotAllowedException when it is someone else's message and the user does not moderate the room, or the
     *     room is archived (a muted member may still delete their own messages)
     */
    public ChatMessage delete(UserId actor, MessageId id) {
        Message message = messages.findById(id.value()).orElseThrow(MessageService::noSuchMessage);
        RoomAccess access = accessTo(actor, message);
        if (!message.authorId().equals(actor) && !access.moderates()) {
            throw new NotAllowedException("You can only delete your own messages");
        }
        if (access.archived()) {
            throw new NotAllowedException(RoomGuard.ARCHIVED);
        }
        if (message.deleted()) {
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        long version = lockAndReload(message);
        if (message.deleted()) {
            // Deleted by someone else meanwhile: their tombstone stands, and the version taken is left unused.
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        message.delete(clock.instant(), version);
        reactions.deleteAllOf(message.id().value());
        files.deleteAllOf(message.id().value());
        ChatMessage tombstone = withAuthors(message.roomId(), List.of(message)).getFirst();
        events.publishEvent(new MessageDeleted(tombstone));
        return tombstone;
    }

    /**
     * Reacts to a message with an emoji of {@link Reactions#PALETTE}; once the transaction commits, every open view of
     * the room shows it ({@link MessageReacted}). Reacting again with the same emoji changes nothing.
     *
     * @return the message with its reactions
     * @throws InvalidInputException when the emoji is not in the palette
     * @throws NotFoundException when there is no such message, or it is in a room the user may not see
     * @throws NotAllowedException when the user is not a member of the message's room
     * @throws ConflictException when the message was deleted
     */
    public ChatMessage react(UserId actor, MessageId id, String emoji) {
        String chosen = Reactions.fromPalette(emoji);
        Message message = reactable(actor, id);
        if (reactions.exists(id.value(), actor.value(), chosen)) {
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        long version = lockAndReload(message);
        if (message.deleted()) {
            throw deletedReactionConflict();
        }
        if (reactions.exists(id.value(), actor.value(), chosen)) {
            // Added in another tab meanwhile: it stands, and the version taken is left unused.
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        reactions.save(new MessageReaction(id, actor, chosen, clock.instant()));
        return reacted(message, version);
    }

    /**
     * Takes back one's reaction; once the transaction commits, every open view of the room shows it gone
     * ({@link MessageReacted}). Taking back a reaction one has not made changes nothing.
     *
     * @return the message with its reactions
     * @throws InvalidInputException when the emoji is not in the palette
     * @throws NotFoundException when there is no such message, or it is in a room the user may not see
     * @throws NotAllowedException when the user is not a member of the message's room
     * @throws ConflictException when the message was deleted
     */
    public ChatMessage unreact(UserId actor, MessageId id, String emoji) {
        String chosen = Reactions.fromPalette(emoji);
        Message message = reactable(actor, id);
        if (!reactions.exists(id.value(), actor.value(), chosen)) {
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        long version = lockAndReload(message);
        if (message.deleted()) {
            throw deletedReactionConflict();
        }
        if (reactions.delete(id.value(), actor.value(), chosen) == 0) {
            // Taken back in another tab meanwhile.
            return withAuthors(message.roomId(), List.of(message)).getFirst();
        }
        return reacted(message, version);
    }

    /** The message, if the user may react to it: the same answers for a missing message as editing gives. */
    private Message reactable(UserId actor, MessageId id) {
        Message message = messages.findById(id.value()).orElseThrow(MessageService::noSuchMessage);
        if (!accessTo(actor, message).member()) {
            throw new NotAllowedException("Join the room to react");
        }
        if (message.deleted()) {
            throw deletedReactionConflict();
        }
        guard.requireMayChangeMessages(actor, message.roomId());
        return message;
    }

    private ChatMessage reacted(Message message, long version) {
        message.changed(version);
        ChatMessage changed = withAuthors(message.roomId(), List.of(message)).getFirst();
        events.publishEvent(new MessageReacted(changed));
        return changed;
    }

    /**
     * The user's newest mentions, newest first, in rooms they are a member of now: the notifications list. Three
     * queries, however many entries.
     */
    @Transactional(readOnly = true)
    public List<MentionNotification> mentions(UserId actor, int limit) {
        List<RecentMention> recent =
                reading.recentMentions(actor, limitOf(limit).max());
        if (recent.isEmpty()) {
            return List.of();
        }
        // Rooms times sequence numbers may match more messages than asked for; the map keeps the ones asked for.
        Map<RecentMention, Message> found = new HashMap<>();
        Map<RoomId, Map<Long, RecentMention>> wanted = new HashMap<>();
        recent.forEach(
                m -> wanted.computeIfAbsent(m.room(), r -> new HashMap<>()).put(m.seq(), m));
        for (Message m : messages.findByRoomIdInAndSeqIn(
                wanted.keySet().stream().map(RoomId::value).toList(),
                recent.stream().map(RecentMention::seq).distinct().toList())) {
            RecentMention mention = wanted.getOrDefault(m.roomId(), Map.of()).get(m.seq());
            if (mention != null) {
                found.put(mention, m);
            }
        }
        Map<UserId, UserSummary> authors = accounts.summaries(
                found.values().stream().map(Message::authorId).collect(Collectors.toSet()));
        List<MentionNotification> result = new ArrayList<>();
        for (RecentMention mention : recent) {
            Message m = found.get(mention);
            UserSummary author = m == null ? null : authors.get(m.authorId());
            if (author != null) {
                result.add(new MentionNotification(
                        mention.room(),
                        mention.roomSlug(),
                        mention.roomName(),
                        m.id(),
                        mention.seq(),
                        MessageAuthor.of(author),
                        m.deleted() ? "" : m.body(),
                        m.deleted(),
                        mention.at(),
                        mention.unread()));
            }
        }
        return result;
    }

    /** The newest messages of a room, oldest first. */
    @Transactional(readOnly = true)
    public List<ChatMessage> latest(UserId actor, RoomId room, int limit) {
        guard.requireReadable(actor, room);
        List<Message> page = new ArrayList<>(messages.findByRoomIdOrderBySeqDesc(room.value(), limitOf(limit)));
        Collections.reverse(page);
        return withAuthors(room, page);
    }

    /** The messages just before sequence number {@code seq}, oldest first. */
    @Transactional(readOnly = true)
    public List<ChatMessage> before(UserId actor, RoomId room, long seq, int limit) {
        guard.requireReadable(actor, room);
        List<Message> page =
                new ArrayList<>(messages.findByRoomIdAndSeqLessThanOrderBySeqDesc(room.value(), seq, limitOf(limit)));
        Collections.reverse(page);
        return withAuthors(room, page);
    }

    /** The messages just after sequence number {@code seq}, oldest first. */
    @Transactional(readOnly = true)
    public List<ChatMessage> after(UserId actor, RoomId room, long seq, int limit) {
        guard.requireReadable(actor, room);
        return withAuthors(
                room, messages.findByRoomIdAndSeqGreaterThanOrderBySeqAsc(room.value(), seq, limitOf(limit)));
    }

    /**
     * What changed in a room after version {@code version}: new messages, edited ones (their latest text) and
     * tombstones of deleted ones, in ascending version order. A client that remembers the highest version it has seen
     * and asks again with it misses nothing; when a full page comes back, it asks again from the page's last.
     */
    @Transactional(readOnly = true)
    public List<ChatMessage> changedSince(UserId actor, RoomId room, long version, int limit) {
        guard.requireReadable(actor, room);
        return withAuthors(
                room,
                messages.findByRoomIdAndVersionGreaterThanOrderByVersionAsc(room.value(), version, limitOf(limit)));
    }

    /**
     * Subscribes to the room's live events (new messages, members joining, leaving, coming online and going offline) if
     * the user may read the room: the same check as for history, so a non-member of a private room receives nothing.
     *
     * <p>The subscription ends by itself when the user leaves the room or is removed from it: the listener receives
     * that {@link MembershipChanged} as its last event, and nothing the room's topic carries after it. The check above
     * is made once; this is what keeps a removed member's open view from reading on until it closes.
     */
    @Transactional(readOnly = true)
    public Subscription subscribe(UserId actor, RoomId room, Consumer<Object> listener) {
        guard.requireReadable(actor, room);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        Consumer<Object> untilGone = event -> {
            if (ended.get()) {
                return;
            }
            if (endsReading(event, actor)) {
                ended.set(true);
                listener.accept(event);
                Subscription open = subscription.get();
                if (open != null) {
                    open.close();
                }
                return;
            }
            listener.accept(event);
        };
        Subscription opened = broadcaster.subscribe(room.topic(), untilGone);
        subscription.set(opened);
        if (ended.get()) {
            // The user left between subscribing and here, on the broadcaster's thread.
            opened.close();
        }
        return opened;
    }

    /**
     * Whether the event is the last a user's subscription to the room receives: they left or were removed, the room was
     * deleted, or it was made private and they are not a member.
     */
    private static boolean endsReading(Object event, UserId actor) {
        return switch (event) {
            case MembershipChanged changed ->
                !changed.joined() && changed.user().id().equals(actor);
            case RoomDeleted ignored -> true;
            case RoomUpdated updated -> !updated.readableBy(actor);
            default -> false;
        };
    }

    /**
     * Deletes every message of a room being deleted, with its reactions and files, in the deleting transaction: three
     * statements, however many messages (the files' bytes go once it commits). Called before the room's own rows go.
     */
    @EventListener
    void deleteRoomMessages(RoomDeleted deleted) {
        files.deleteAllOfRoom(deleted.id());
        reactions.deleteAllInRoom(deleted.id().value());
        messages.deleteByRoomId(deleted.id().value());
    }

    /**
     * Takes the room's next version, which locks the room's row until the transaction ends and so orders this change
     * among every other change in the room, then re-reads the message under that lock: a change committed since it was
     * first read (a delete) is seen, and this write cannot undo it.
     */
    private long lockAndReload(Message message) {
        long version = sequences.nextVersion(message.roomId());
        entityManager.refresh(message);
        return version;
    }

    /** The user's access to the message's room, answering a room they may not see like a missing message. */
    private RoomAccess accessTo(UserId actor, Message message) {
        try {
            return guard.access(actor, message.roomId());
        } catch (NotFoundException e) {
            throw noSuchMessage();
        }
    }

    private static NotFoundException noSuchMessage() {
        return new NotFoundException(NO_SUCH_MESSAGE);
    }

    private static ConflictException deletedReactionConflict() {
        return new ConflictException("This message was deleted and can no longer be reacted to");
    }

    private static ConflictException deletedConflict() {
        return new ConflictException("This message was deleted and can no longer be edited");
    }

    /** The trimmed body; empty only when {@code mayBeEmpty} (the message has files). */
    private static String validBody(String body, boolean mayBeEmpty) {
        String text = body.strip();
        if (text.isEmpty() && !mayBeEmpty) {
            throw emptyMessage();
        }
        if (text.length() > Message.BODY_MAX_LENGTH) {
            throw new TooLargeException("Message is too long: " + text.length() + " characters, at most "
                    + Message.BODY_MAX_LENGTH + " are allowed");
        }
        return text;
    }

    private static InvalidInputException emptyMessage() {
        return new InvalidInputException("A message cannot be empty");
    }

    private static Limit limitOf(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        return Limit.of(limit);
    }

    /**
     * Messages of one room as shown: their reactions in one query, their files in one, their authors and the people who
     * reacted in one more, and the members they mention in one more, however long the page.
     */
    private List<ChatMessage> withAuthors(RoomId room, List<Message> page) {
        List<Long> live =
                page.stream().filter(m -> !m.deleted()).map(m -> m.id().value()).toList();
        List<MessageReaction> stored = live.isEmpty() ? List.of() : reactions.findByMessageIds(live);
        Map<Long, List<Attachment>> attachments = files.attachmentsOf(live);
        Set<UserId> people = new HashSet<>();
        page.forEach(m -> people.add(m.authorId()));
        stored.forEach(r -> people.add(r.userId()));
        Map<UserId, UserSummary> authors = accounts.summaries(people);
        Map<MessageId, List<Reaction>> reactionsOf = reactionsByMessage(stored, authors);
        Map<Message, Set<String>> mentioned = new IdentityHashMap<>();
        Set<String> named = new HashSet<>();
        for (Message m : page) {
            Set<String> names = mentionsIn(m.body());
            mentioned.put(m, names);
            named.addAll(names);
        }
        Set<String> members = memberships.memberUsernames(room, named);
        return page.stream()
                .map(m -> toChatMessage(
                        m,
                        MessageAuthor.of(authors.get(m.authorId())),
                        mentioned.get(m).stream().filter(members::contains).collect(Collectors.toSet()),
                        reactionsOf.getOrDefault(m.id(), List.of()),
                        attachments.getOrDefault(m.id().value(), List.of())))
                .toList();
    }

    /** Groups stored reactions by message, each message's in palette order, each emoji's users in reaction order. */
    private static Map<MessageId, List<Reaction>> reactionsByMessage(
            List<MessageReaction> stored, Map<UserId, UserSummary> users) {
        if (stored.isEmpty()) {
            return Map.of();
        }
        Map<UserId, Reactor> reactors = new HashMap<>();
        Map<MessageId, Map<String, List<Reactor>>> grouped = new LinkedHashMap<>();
        for (MessageReaction r : stored) {
            UserSummary user = users.get(r.userId());
            if (user == null) {
                continue;
            }
            Reactor reactor =
                    reactors.computeIfAbsent(r.userId(), u -> new Reactor(u, user.username(), user.displayName()));
            grouped.computeIfAbsent(r.messageId(), m -> new HashMap<>())
                    .computeIfAbsent(r.emoji(), e -> new ArrayList<>())
                    .add(reactor);
        }
        Map<MessageId, List<Reaction>> result = new HashMap<>();
        grouped.forEach((message, byEmoji) -> {
            List<Reaction> list = new ArrayList<>(byEmoji.size());
            for (String emoji : Reactions.PALETTE) {
                List<Reactor> who = byEmoji.get(emoji);
                if (who != null) {
                    list.add(new Reaction(emoji, who));
                }
            }
            result.put(message, list);
        });
        return result;
    }

    /** The room's members a new text mentions, by username: one query, and none for a text without an {@code @}. */
    private Map<String, UserId> mentionedMembers(RoomId room, String text) {
        return memberships.membersNamed(room, mentionsIn(text));
    }

    /**
     * Records the message's mention of each of these members but its author, and tells each, once the transaction
     * commits ({@link MessageMentioned}): a query or two per name a message mentions, never per member of the room.
     */
    private void notifyMentioned(ChatMessage message, Collection<UserId> mentioned) {
        for (UserId user : mentioned) {
            if (!message.writtenBy(user)
                    && reading.recordMention(message.room(), message.seq(), user, clock.instant())) {
                events.publishEvent(new MessageMentioned(user, message));
            }
        }
    }

    private static Set<String> mentionsIn(String body) {
        // Most messages mention nobody: skip parsing them a second time.
        return body.indexOf('@') < 0 ? Set.of() : MessageMarkdown.mentionsIn(body);
    }

    private static ChatMessage toChatMessage(
            Message message,
            MessageAuthor author,
            Set<String> mentions,
            List<Reaction> reactions,
            List<Attachment> attachments) {
        return new ChatMessage(
                message.id(),
                message.roomId(),
                message.seq(),
                author,
                message.body(),
                message.createdAt(),
                message.version(),
                message.editedAt(),
                message.deleted(),
                message.deleted() ? Set.of() : mentions,
                message.deleted() ? List.of() : reactions,
                message.deleted() ? List.of() : attachments,
                message.webhook());
    }
}
