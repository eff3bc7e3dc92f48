package dev.parley.messages;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.RateLimitedException;
import dev.parley.base.TooLargeException;
import dev.parley.messages.internal.MessageRepository;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Posts messages, reads history, and subscribes views to a room's live events, checking access every time. */
@Service
@Transactional
public class MessageService {

    public static final int PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;

    private final MessageRepository messages;
    private final RoomService rooms;
    private final AccountService accounts;
    private final Broadcaster broadcaster;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MessageRateLimiter rateLimiter;

    MessageService(
            MessageRepository messages,
            RoomService rooms,
            AccountService accounts,
            Broadcaster broadcaster,
            ApplicationEventPublisher events,
            Clock clock,
            MessageRateLimiter rateLimiter) {
        this.messages = messages;
        this.rooms = rooms;
        this.accounts = accounts;
        this.broadcaster = broadcaster;
        this.events = events;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Stores a message and, once the transaction commits, delivers it to every open view of the room.
     *
     * @throws InvalidInputException when the body is empty after trimming
     * @throws TooLargeException when it is longer than {@value Message#BODY_MAX_LENGTH} characters
     * @throws RateLimitedException when the user has used up their allowance ({@link MessageRateLimitProperties})
     */
    public ChatMessage post(UserId actor, RoomId room, String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("A message cannot be empty");
        }
        if (text.length() > Message.BODY_MAX_LENGTH) {
            throw new TooLargeException("Message is too long: " + text.length() + " characters, at most "
                    + Message.BODY_MAX_LENGTH + " are allowed");
        }
        rateLimiter.acquire(actor); // before any query: a flood of refused posts never reaches the database
        rooms.requirePoster(actor, room);
        long seq = rooms.nextSequence(room);
        Message message = messages.save(new Message(room, seq, actor, text, clock.instant()));
        ChatMessage posted = toChatMessage(message, MessageAuthor.of(accounts.summary(actor)));
        events.publishEvent(new MessagePosted(posted));
        return posted;
    }

    /** The newest messages of a room, oldest first. */
    @Transactional(readOnly = true)
    public List<ChatMessage> latest(UserId actor, RoomId room, int limit) {
        rooms.requireReadable(actor, room);
        List<Message> page = new ArrayList<>(messages.findByRoomIdOrderBySeqDesc(room.value(), limitOf(limit)));
        Collections.reverse(page);
        return withAuthors(page);
    }

    /** The messages just before sequence number {@code seq}, oldest first. */
    @Transactional(readOnly = true)
    public List<ChatMessage> before(UserId actor, RoomId room, long seq, int limit) {
        rooms.requireReadable(actor, room);
        List<Message> page =
                new ArrayList<>(messages.findByRoomIdAndSeqLessThanOrderBySeqDesc(room.value(), seq, limitOf(limit)));
        Collections.reverse(page);
        return withAuthors(page);
    }

    /** The messages just after sequence number {@code seq}, oldest first. */
    @Transactional(readOnly = true)
    public List<ChatMessage> after(UserId actor, RoomId room, long seq, int limit) {
        rooms.requireReadable(actor, room);
        return withAuthors(messages.findByRoomIdAndSeqGreaterThanOrderBySeqAsc(room.value(), seq, limitOf(limit)));
    }

    /**
     * Subscribes to the room's live events (new messages, members joining, leaving, coming online and going offline)
     * if the user may read the
     * room: the same check as for history, so a non-member of a private room receives nothing.
     */
    @Transactional(readOnly = true)
    public Subscription subscribe(UserId actor, RoomId room, Consumer<Object> listener) {
        rooms.requireReadable(actor, room);
        return broadcaster.subscribe(room.topic(), listener);
    }

    private static Limit limitOf(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        return Limit.of(limit);
    }

    private List<ChatMessage> withAuthors(List<Message> page) {
        Map<UserId, UserSummary> authors =
                accounts.summaries(page.stream().map(Message::authorId).toList());
        return page.stream()
                .map(m -> toChatMessage(m, MessageAuthor.of(authors.get(m.authorId()))))
                .toList();
    }

    private static ChatMessage toChatMessage(Message message, MessageAuthor author) {
        return new ChatMessage(
                message.id(), message.roomId(), message.seq(), author, message.body(), message.createdAt());
    }
}
