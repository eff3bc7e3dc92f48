package dev.parley.files;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The server's image decoders: at most {@code parley.files.image-decoders} images are decoded at once, whoever uploads
 * them (thumbnails and pictures alike), so that a flood of images takes that many processors and no more. With
 * {@code parley.files.max-pixels} checked from each header first, the pixels being decoded at any moment are at most
 * decoders × max-pixels. An upload that finds every decoder busy says so (its {@code waiting} callback) and waits its
 * turn, first come first served, for up to {@code parley.files.image-decoder-wait}; then it is refused.
 */
@Component
class ImageDecoders {

    /** Work done while holding a decoder. */
    @FunctionalInterface
    interface Decoding<T> {
        T run() throws IOException;
    }

    private final Semaphore decoders;
    private final Duration maxWait;

    @Autowired
    ImageDecoders(FileProperties properties) {
        this(properties.decoders(), properties.imageDecoderWait());
    }

    ImageDecoders(int decoders, Duration maxWait) {
        // Fair: a waiting upload is never overtaken by later ones.
        this.decoders = new Semaphore(decoders, true);
        this.maxWait = maxWait;
    }

    /**
     * Runs {@code decoding} holding one of the decoders.
     *
     * @param name the file's display name, for the refusal
     * @param waiting told once, before waiting, when no decoder is free at once
     * @throws DecodersBusyException when none came free within the wait; {@code decoding} did not run
     */
    <T> T decode(String name, Runnable waiting, Decoding<T> decoding) throws IOException {
        acquire(name, waiting);
        try {
            return decoding.run();
        } finally {
            decoders.release();
        }
    }

    private void acquire(String name, Runnable waiting) {
        try {
            // tryAcquire() would barge ahead of uploads already waiting; a zero timeout keeps their turn.
            if (decoders.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            waiting.run();
            if (decoders.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new DecodersBusyException(name, maxWait);
    }
}
