package dev.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on the default embedded database, SQLite, in a fresh data folder under target/. Tests post
 * hundreds of messages a second as one user, so the posting limit is raised out of their way; the tests of the limit
 * itself set it back ({@code MessageRateLimiterTest}, {@code RoomRateLimitViewTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "parley.data-dir=target/test-data/sqlite-${random.uuid}",
            "parley.messages.rate-limit.capacity=1000000"
        })
public @interface SqliteTest {}
