package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.rooms.RoomId;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Collects what open views have shown (the highest sequence number per user and room) in memory, and writes it in
 * one transaction every two seconds, when a view closes and at shutdown: views never write per message per viewer.
 * A position lost to a crash only leaves messages unread that were seen in the last two seconds.
 */
@Component
public class ReadPositionRecorder {

    private static final Logger log = LoggerFactory.getLogger(ReadPositionRecorder.class);

    /** Whose position, in which room. */
    public record Key(UserId user, RoomId room) {}

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final ReadPositions reading;

    ReadPositionRecorder(ReadPositions reading) {
        this.reading = reading;
    }

    /** The user has seen the room up to {@code seq}; lower numbers than one already recorded change nothing. */
    public void record(UserId user, RoomId room, long seq) {
        pending.merge(new Key(user, room), seq, Math::max);
    }

    /** Writes every pending position in one transaction. */
    @Scheduled(fixedDelay = 2000, initialDelay = 2000)
    public void flush() {
        Map<Key, Long> batch = new HashMap<>();
        for (Key key : pending.keySet()) {
            Long seq = pending.remove(key);
            if (seq != null) {
                batch.put(key, seq);
            }
        }
        write(batch);
    }

    /** Writes the user's pending position in one room at once: when their view of it closes. */
    public void flush(UserId user, RoomId room) {
        Key key = new Key(user, room);
        Long seq = pending.remove(key);
        if (seq != null) {
            write(Map.of(key, seq));
        }
    }

    @PreDestroy
    void flushAtShutdown() {
        flush();
    }

    private void write(Map<Key, Long> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            reading.markReadAll(batch);
        } catch (RuntimeException e) {
            // Put them back for the next round (a busy database); a newer position recorded meanwhile wins.
            batch.forEach((key, seq) -> pending.merge(key, seq, Math::max));
            log.warn("Writing {} read positions failed; retrying with the next flush", batch.size(), e);
        }
    }
}
