package dev.parley.files;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Files in a bucket of their own for each test application context, on the run's {@link S3TestServer}: add it as
 * {@code @ContextConfiguration(initializers = S3TestBucket.class)} next to {@code @SqliteTest} or {@code @E2eTest}. It
 * sets {@code parley.files.s3.*} as an operator would, so that the context's {@link FileStore} is the bucket.
 */
public final class S3TestBucket implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        S3TestServer server = S3TestServer.get();
        Map<String, Object> settings = Map.copyOf(server.settings(server.createBucket()));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("parleyTestBucket", settings));
    }
}
