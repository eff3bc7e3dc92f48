package dev.parley.base;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class BaseConfiguration {

    /** The time source; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
