package dev.parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The server's bound on image decoding: how many at once, who waits, and who is refused. */
class ImageDecodersTest {

    @Test
    void eight_uploads_at_once_never_decode_more_than_two_at_a_time_and_the_six_that_wait_are_told() throws Exception {
        ImageDecoders decoders = new ImageDecoders(2, Duration.ofMinutes(1));
        AtomicInteger decoding = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger waited = new AtomicInteger();
        CountDownLatch finish = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "image-" + i + ".png";
            uploads.add(Thread.ofPlatform().start(() -> {
                try {
                    done.add(decoders.decode(name, waited::incrementAndGet, () -> {
                        mostAtOnce.accumulateAndGet(decoding.incrementAndGet(), Math::max);
                        try {
                            finish.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        decoding.decrementAndGet();
                        return name;
                    }));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }

        // Two decode, six have been told that they wait: the bound is reached, and holds while they wait.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> decoding.get() == 2 && waited.get() == 6);
        assertThat(decoding).hasValue(2);
        finish.countDown();
        for (Thread upload : uploads) {
            upload.join(Duration.ofSeconds(10));
        }

        assertThat(failures).isEmpty();
        assertThat(done).hasSize(8);
        assertThat(mostAtOnce).hasValue(2);
        assertThat(waited).hasValue(6);
    }

    @Test
    void an_upload_that_finds_no_free_decoder_within_the_wait_is_refused_and_never_decodes() throws Exception {
        ImageDecoders decoders = new ImageDecoders(1, Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            try {
                decoders.decode("first.png", () -> {}, () -> {
                    holding.countDown();
                    try {
                        return release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger waited = new AtomicInteger();
        AtomicInteger decoded = new AtomicInteger();

        assertThatThrownBy(() -> decoders.decode("photo.png", waited::incrementAndGet, decoded::incrementAndGet))
                .isInstanceOfSatisfying(DecodersBusyException.class, e -> assertThat(e.retryAfterSeconds())
                        .isEqualTo(1))
                .hasMessage("The server is busy with other images: photo.png was not stored. Try again in 1 s");

        assertThat(waited).hasValue(1);
        assertThat(decoded).hasValue(0);
        release.countDown();
        holder.join(Duration.ofSeconds(10));
        assertThat(decoders.decode("photo.png", waited::incrementAndGet, decoded::incrementAndGet))
                .isEqualTo(1);
        assertThat(waited).as("a free decoder is taken without waiting").hasValue(1);
    }
}
