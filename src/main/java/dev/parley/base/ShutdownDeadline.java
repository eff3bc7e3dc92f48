package dev.parley.base;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Parley stops within {@code parley.shutdown-timeout} of SIGTERM, whatever its clients do: when closing the application
 * has not finished by then, this logs where it is stuck and halts the JVM. Every step of closing is bounded on its own
 * (requests by {@code spring.lifecycle.timeout-per-shutdown-phase}, queued posts, read positions); this is the bound on
 * all of them together, and on what no step foresaw (a disk that stops answering, a heap so full that collecting it
 * takes the time).
 *
 * <p>Installed by {@code Application.main} only: a test JVM closes the contexts of its tests when it ends, and must not
 * be halted meanwhile.
 */
public final class ShutdownDeadline implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

    /** The JVM's exit code when it had to be halted: not a clean stop. */
    static final int HALTED = 1;

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Duration timeout = Binder.get(event.getApplicationContext().getEnvironment())
                .bindOrCreate("parley", ParleyProperties.class)
                .shutdownTimeout();
        CountDownLatch closed = new CountDownLatch(1);
        // Spring Boot runs its shutdown handlers once every application context has closed.
        SpringApplication.getShutdownHandlers().add(closed::countDown);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform()
                        .name("parley-shutdown-deadline")
                        .unstarted(() -> awaitOrHalt(closed, timeout)));
    }

    private static void awaitOrHalt(CountDownLatch closed, Duration timeout) {
        try {
            if (closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.error(
                "Parley did not stop within {} s of being told to (parley.shutdown-timeout); stopping now."
                        + " Closing was here:\n{}",
                timeout.toSeconds(),
                closingThreads());
        Runtime.getRuntime().halt(HALTED);
    }

    /** The stacks of the threads closing an application context: where the shutdown is stuck. */
    private static String closingThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getMethodName().equals("doClose")
                                && frame.getClassName().startsWith("org.springframework.context")))
                .map(ShutdownDeadline::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Map.Entry<Thread, StackTraceElement[]> thread) {
        return "\"" + thread.getKey().getName() + "\" " + thread.getKey().getState() + "\n"
                + Arrays.stream(thread.getValue()).map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
    }
}
