package dev.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on H2 (the "h2" profile), in memory, with the posting limit raised as in {@link SqliteTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {
            "parley.data-dir=target/test-data/h2-${random.uuid}",
            "spring.datasource.url=jdbc:h2:mem:parley-test;DB_CLOSE_DELAY=-1",
            "parley.messages.rate-limit.capacity=1000000",
            "parley.sign-in-limit.account-failures=1000000",
            "parley.sign-in-limit.address-failures=1000000",
            "spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy=read-sync"
        })
@ActiveProfiles("h2")
public @interface H2Test {}
