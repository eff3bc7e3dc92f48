package dev.parley.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses a second Parley within a second of its start, before it opens anything: as soon as its configuration is read
 * (before the application context is even made), it takes the data folder's {@link DataFolderLock} and checks that the
 * web server's port is free (the port itself is bound only when the web server starts, after everything else, tens of
 * seconds later). Once the context is made the lock becomes a bean of it, let go when it closes; a start that fails
 * before that lets it go at once. Registered in {@code META-INF/spring.factories}, so it guards tests' application
 * contexts too.
 */
class SingleInstanceGuard implements SmartApplicationListener {

    private static final Logger log = LoggerFactory.getLogger(SingleInstanceGuard.class);

    /** The lock's bean name: {@link DataDirectory} asks for it, so nothing resolves a path in an unlocked folder. */
    static final String LOCK_BEAN = "parleyDataFolderLock";

    /** Taken when the configuration is read, until the context takes it over (or the start fails). */
    private @Nullable DataFolderLock lock;

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationPreparedEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        switch (event) {
            case ApplicationEnvironmentPreparedEvent prepared ->
                guard(prepared.getEnvironment(), prepared.getSpringApplication().getWebApplicationType());
            case ApplicationPreparedEvent prepared -> handOver(prepared.getApplicationContext());
            case ApplicationFailedEvent failed -> letGo(failed.getException());
            default -> {}
        }
    }

    private void guard(ConfigurableEnvironment environment, WebApplicationType type) {
        Binder binder = Binder.get(environment);
        Path folder = binder.bindOrCreate("parley", ParleyProperties.class).dataDir();
        // Pinned: a folder named with ${random.uuid} (as the tests name theirs) would otherwise be another one at
        // every later resolution, and the lock would guard a folder nobody uses.
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("parleyDataFolder", Map.of("parley.data-dir", folder.toString())));
        DataFolderLock taken = DataFolderLock.acquire(folder);
        lock = taken;
        if (type != WebApplicationType.NONE) {
            int port = binder.bind("server.port", Integer.class).orElse(8080);
            // 0 is a random port (the tests' servers) and -1 no server at all: neither can be taken already.
            if (port > 0) {
                try {
                    requireFree(binder.bind("server.address", InetAddress.class).orElse(null), port);
                } catch (RuntimeException e) {
                    letGo(e);
                    throw e;
                }
            }
        }
        log.info(
                "Data folder {} locked by this process ({})",
                folder,
                ProcessHandle.current().pid());
    }

    private void handOver(ConfigurableApplicationContext context) {
        DataFolderLock taken = lock;
        if (taken == null) {
            return;
        }
        lock = null;
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(LOCK_BEAN, taken);
        // Registered before any other bean exists, so destroyed after all of them: the folder is let go only when
        // the database, the search index and the files are closed.
        beans.registerDisposableBean(LOCK_BEAN, taken);
    }

    /** The context never took the lock, so it will never close it: let go here, for a JVM that lives on. */
    private void letGo(Throwable failure) {
        DataFolderLock taken = lock;
        if (taken == null) {
            return;
        }
        lock = null;
        try {
            taken.destroy();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    /** @throws PortInUseException when something listens on the port already */
    private static void requireFree(@Nullable InetAddress address, int port) {
        try {
            if (!StartCheck.portFree(address, port)) {
                throw new PortInUseException(port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check whether port " + port + " is free", e);
        }
    }
}
