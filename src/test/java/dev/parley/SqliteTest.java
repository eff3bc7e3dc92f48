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
 * itself set it back ({@code MessageRateLimiterTest}, {@code RoomRateLimitViewTest}). A commit returns once the search
 * index shows it (read-sync), so that a test can search what it has just written; the application itself indexes after
 * the commit without waiting ({@code SearchFreshnessTest} checks that it is searchable within a second). The disk
 * counts as no longer full only once 1 GB is freed after a refusal, not 10 MB: the builds that share the disk free
 * more.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "parley.data-dir=target/test-data/sqlite-${random.uuid}",
            "parley.messages.rate-limit.capacity=1000000",
            "parley.sign-in-limit.account-failures=1000000",
            "parley.sign-in-limit.address-failures=1000000",
            "parley.storage.min-free-space=1GB",
            "spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=read-sync"
        })
public @interface SqliteTest {}
