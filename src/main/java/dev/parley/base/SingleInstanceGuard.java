package dev.parley.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Refuses a second Parley within a second of its start, before it opens anything: it takes the data folder's
 * {@link DataFolderLock} and checks that the web server's port is free, both before the application context is
 * refreshed (the port itself is bound only when the web server starts, after everything else, tens of seconds later).
 * Registered in {@code META-INF/spring.factories}, so it guards tests' application contexts too.
 */
class SingleInstanceGuard implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(SingleInstanceGuard.class);

    /** The lock's bean name: {@link DataDirectory} asks for it, so nothing resolves a path in an unlocked folder. */
    static final String LOCK_BEAN = "parleyDataFolderLock";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        ConfigurableEnvironment environment = context.getEnvironment();
        Binder binder = Binder.get(environment);
        Path folder = binder.bindOrCreate("parley", ParleyProperties.class).dataDir();
        // Pinned: a folder named with ${random.uuid} (as the tests name theirs) would otherwise be another one at
        // every later resolution, and the lock would guard a folder nobody uses.
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("parleyDataFolder", Map.of("parley.data-dir", folder.toString())));
        DataFolderLock lock = DataFolderLock.acquire(folder);
        try {
            if (context instanceof WebServerApplicationContext) {
                int port = binder.bind("server.port", Integer.class).orElse(8080);
                // 0 is a random port (the tests' servers) and -1 no server at all: neither can be taken already.
                if (port > 0) {
                    requireFree(binder.bind("server.address", InetAddress.class).orElse(null), port);
                }
            }
        } catch (RuntimeException e) {
            // The context never refreshes, so it never closes: the lock is let go here, for a JVM that lives on.
            try {
                lock.destroy();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        log.info(
                "Data folder {} locked by this process ({})",
                folder,
                ProcessHandle.current().pid());
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(LOCK_BEAN, lock);
        // Registered before any other bean exists, so destroyed after all of them: the folder is let go only when
        // the database, the search index and the files are closed.
        beans.registerDisposableBean(LOCK_BEAN, lock);
    }

    /**
     * Binds the port for a moment, as the web server will, and lets it go.
     *
     * @throws PortInUseException when something listens on it already
     */
    private static void requireFree(@Nullable InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check whether port " + port + " is free", e);
        }
    }
}
