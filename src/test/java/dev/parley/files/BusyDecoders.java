package dev.parley.files;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationContext;

/**
 * Every image decoder of a running application held, as a flood of other people's images would hold them, until
 * {@link #close()}: for tests of what an upload does while it waits.
 */
public final class BusyDecoders implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> holders = new ArrayList<>();

    private BusyDecoders(ImageDecoders decoders, int count) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Thread holder = Thread.ofPlatform().name("busy-decoder-" + i).start(() -> {
                try {
                    decoders.decode(
                            "held.png",
                            () -> {
                                throw new IllegalStateException("A decoder was already busy before the test held it");
                            },
                            () -> {
                                holding.countDown();
                                return awaitRelease();
                            });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            holders.add(holder);
        }
        if (!holding.await(10, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("Could not hold every decoder");
        }
    }

    private boolean awaitRelease() {
        try {
            return release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while holding a decoder", e);
        }
    }

    /** Holds all the application's decoders ({@code parley.files.image-decoders}). */
    public static BusyDecoders hold(ApplicationContext context) throws InterruptedException {
        return new BusyDecoders(
                context.getBean(ImageDecoders.class),
                context.getBean(FileProperties.class).decoders());
    }

    /** Frees the decoders again. */
    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread holder : holders) {
            holder.join(Duration.ofSeconds(10));
        }
    }
}
