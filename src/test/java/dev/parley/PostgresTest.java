package dev.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on PostgreSQL at 127.0.0.1:5432 (user postgres, trust authentication; {@code .ci/run} starts
 * it), in a database of its own that {@link PostgresTestDatabase} creates before the context starts and drops when it
 * closes. Only the URL says PostgreSQL, as in production; the posting limit is raised as in {@link SqliteTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "parley.data-dir=target/test-data/postgresql-${random.uuid}",
            "spring.datasource.url=" + PostgresTestDatabase.URL,
            "spring.datasource.username=postgres",
            "parley.messages.rate-limit.capacity=1000000",
            "parley.sign-in-limit.account-failures=1000000",
            "parley.sign-in-limit.address-failures=1000000",
            "spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=read-sync"
        })
@ContextConfiguration(initializers = PostgresTestDatabase.class)
public @interface PostgresTest {}
