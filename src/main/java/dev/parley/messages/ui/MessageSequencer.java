package dev.parley.messages.ui;

import dev.parley.messages.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts live messages in sequence order for one view and drops duplicates. Messages reach a view from the history query,
 * from its own send, and from push, and pushes of two concurrent posts may arrive in either order; because sequence
 * numbers have no gaps, a message is shown only once all before it are.
 */
final class MessageSequencer {

    private long lastShown;
    private final TreeMap<Long, ChatMessage> waiting = new TreeMap<>();
    private long waitingSince;

    /** @param lastShown sequence number of the newest message already shown (0 for an empty room) */
    MessageSequencer(long lastShown) {
        this.lastShown = lastShown;
    }

    /** Takes a message and returns those now ready to show, in order (possibly none). */
    List<ChatMessage> accept(ChatMessage message, long nowMillis) {
        if (message.seq() <= lastShown) {
            return List.of();
        }
        if (waiting.isEmpty()) {
            waitingSince = nowMillis;
        }
        // The same message may come twice (push and history); keep its newest version.
        waiting.merge(message.seq(), message, (held, other) -> other.version() > held.version() ? other : held);
        List<ChatMessage> ready = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.firstKey() == lastShown + 1) {
            ChatMessage next = waiting.pollFirstEntry().getValue();
            ready.add(next);
            lastShown = next.seq();
        }
        if (!ready.isEmpty() && !waiting.isEmpty()) {
            waitingSince = nowMillis;
        }
        return ready;
    }

    /**
     * Takes a newer version (edited, deleted) of a message that is waiting to be shown, so that it is shown as it is
     * now; returns whether it was waiting.
     */
    boolean replaceWaiting(ChatMessage message) {
        ChatMessage held = waiting.get(message.seq());
        if (held == null || !held.id().equals(message.id())) {
            return false;
        }
        if (message.version() > held.version()) {
            waiting.put(message.seq(), message);
        }
        return true;
    }

    long lastShown() {
        return lastShown;
    }

    /**
     * Whether messages have waited so long for a missing one that the view should fetch the gap from history: the
     * missing one's push was lost, or the view subscribed just after it was published.
     */
    boolean gapOlderThan(long millis, long nowMillis) {
        return !waiting.isEmpty() && nowMillis - waitingSince >= millis;
    }
}
