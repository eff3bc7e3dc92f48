package dev.parley.base;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class BaseConfiguration {

    /** The time source, in whole milliseconds: what is stored is exactly what was returned when it was stored. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    /** A node on its own does all the work; a cluster's nodes claim it (its {@code RedisWorkClaims} comes first). */
    @Bean
    WorkClaims workAlone() {
        return WorkClaims.ALONE;
    }
}
