package dev.parley.rooms.reading;

import dev.parley.accounts.UserId;
import dev.parley.rooms.RoomId;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Collects what open views have shown (the highest sequence number per user and room) in memory, and writes it in one
 * transaction every two seconds, when a view closes and at shutdown: views never write per message per viewer. A
 * position lost to a crash only leaves messages unread that were seen in the last two seconds.
 *
 * <p>The write at shutdown is the last: it waits for a write in progress, and nothing is written after it, since the
 * database closes next while views may still be closing (Tomcat ends their sessions after the application's beans).
 */
@Component
public class ReadPositionRecorder {

    private static final Logger log = LoggerFactory.getLogger(ReadPositionRecorder.class);

    /** Whose position, in which room. */
    public record Key(UserId user, RoomId room) {}

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final ReadPositions reading;

    /** Writes hold it shared; shutdown holds it alone, to wait for them and to set {@link #stopped}. */
    private final ReadWriteLock writes = new ReentrantReadWriteLock();

    /** Set by the last write, at shutdown; guarded by {@link #writes}. */
    private boolean stopped;

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

    /** Runs before the database closes: the beans this one uses are destroyed after it. */
    @PreDestroy
    void flushAtShutdown() {
        writes.writeLock().lock();
        try {
            flush();
            stopped = true;
        } finally {
            writes.writeLock().unlock();
        }
    }

    private void write(Map<Key, Long> batch) {
        if (batch.isEmpty()) {
            return;
        }
        writes.readLock().lock();
        try {
            if (stopped) {
                // A view closing after the last write, as Tomcat ends its sessions: the database is closing or closed.
                log.debug("Not writing {} read positions: Parley has stopped", batch.size());
                return;
            }
            reading.markReadAll(batch);
        } catch (RuntimeException e) {
            // Put them back for the next round (a busy database); a newer position recorded meanwhile wins.
            batch.forEach((key, seq) -> pending.merge(key, seq, Math::max));
            log.warn("Writing {} read positions failed; retrying with the next flush", batch.size(), e);
        } finally {
            writes.readLock().unlock();
        }
    }
}
