package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQLite under concurrent writers and readers, through the real services: no write fails with SQLITE_BUSY, and a read
 * does not wait for an open write transaction. The figures it logs are in the design decision
 * docs/design-decisions/2026-11-21-sqlite-one-writer-many-readers.md; nothing here asserts on time.
 */
@SqliteTest
class SqliteConcurrencyTest {

    private static final Logger log = LoggerFactory.getLogger(SqliteConcurrencyTest.class);

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void concurrent_writers_never_fail_and_readers_keep_reading() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Load " + Fixtures.username("r"), null, false);
        int writers = 4;
        int postsEach = 250;
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> readNanos = Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        Future<?> reader = pool.submit(() -> {
            while (writing.get()) {
                long start = System.nanoTime();
                messages.latest(alice.id(), room.id(), 50);
                readNanos.add(System.nanoTime() - start);
            }
        });
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < postsEach; i++) {
                    try {
                        messages.post(alice.id(), room.id(), "load " + i);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        log.error("Post failed", e);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        writing.set(false);
        reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        long[] sorted = readNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        log.info(
                "SQLite: {} posts by {} writers in {} ms ({} posts/s), {} failed; {} reads meanwhile, "
                        + "p50 {} ms, p99 {} ms, max {} ms",
                writers * postsEach,
                writers,
                elapsedMillis,
                writers * postsEach * 1000L / Math.max(1, elapsedMillis),
                failures.get(),
                sorted.length,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)),
                millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));

        assertThat(failures).hasValue(0);
        assertThat(messages.latest(alice.id(), room.id(), 1))
                .singleElement()
                .extracting(ChatMessage::seq)
                .isEqualTo((long) writers * postsEach);
        assertThat(sorted).isNotEmpty();
    }

    @Test
    void a_read_does_not_wait_for_an_open_write_transaction() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Read " + Fixtures.username("r"), null, false);
        messages.post(alice.id(), room.id(), "committed before");
        CountDownLatch writeOpen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> writer = pool.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            messages.post(alice.id(), room.id(), "not yet committed");
            writeOpen.countDown();
            await(release);
        }));
        try {
            assertThat(writeOpen.await(10, TimeUnit.SECONDS)).isTrue();
            // The single writer connection is busy inside an open transaction; this read must not need it.
            List<ChatMessage> seen;
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                seen = readers.submit(() -> messages.latest(alice.id(), room.id(), 50))
                        .get(10, TimeUnit.SECONDS);
            }
            assertThat(seen).extracting(ChatMessage::body).containsExactly("committed before");
        } finally {
            release.countDown();
            writer.get(10, TimeUnit.SECONDS);
            pool.shutdown();
        }
        assertThat(messages.latest(alice.id(), room.id(), 50)).hasSize(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Test did not release the write transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
