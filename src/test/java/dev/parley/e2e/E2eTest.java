package dev.parley.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on a real port of 127.0.0.1, SQLite in a fresh data folder, for HTTP and browser tests; the posting
 * limit is raised as in {@link dev.parley.SqliteTest}, and so is the API's request limit, since every test calls from
 * 127.0.0.1 ({@code RateLimitApiTest} sets both back). The disk counts as no longer full only once 1 GB is freed after
 * a refusal, as in {@link dev.parley.SqliteTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "parley.data-dir=target/test-data/e2e-${random.uuid}",
            "vaadin.devmode.devTools.enabled=false",
            "parley.messages.rate-limit.capacity=1000000",
            "parley.sign-in-limit.account-failures=1000000",
            "parley.sign-in-limit.address-failures=1000000",
            "parley.storage.min-free-space=1GB",
            "parley.api.rate-limit.capacity=1000000",
            "parley.api.rate-limit.anonymous-capacity=1000000",
            "spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=read-sync"
        })
public @interface E2eTest {}
