package dev.parley.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The REST API's request limit on a clock the test moves: no sleeping. */
class ApiRateLimiterTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void the_default_is_300_requests_a_minute_per_token_and_30_without_one() {
        ApiRateLimitProperties defaults = bind(Map.of());

        assertThat(defaults.capacity()).isEqualTo(300);
        assertThat(defaults.period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.anonymousCapacity()).isEqualTo(30);
    }

    @Test
    void a_client_counts_down_to_the_limit_then_waits_for_the_refill() {
        ApiRateLimiter limiter = new ApiRateLimiter(bind(Map.of()), clock);
        for (int i = 1; i <= 300; i++) {
            ApiRateLimiter.Outcome outcome = limiter.acquire("token:a", false);
            assertThat(outcome.allowed()).isTrue();
            assertThat(outcome.limit()).isEqualTo(300);
            assertThat(outcome.remaining()).isEqualTo(300 - i);
        }

        ApiRateLimiter.Outcome refused = limiter.acquire("token:a", false);

        // 300 a minute refill evenly: one every 200 ms.
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(200));
        clock.advance(Duration.ofMillis(200));
        assertThat(limiter.acquire("token:a", false).allowed()).isTrue();
        assertThat(limiter.acquire("token:a", false).allowed()).isFalse();
    }

    @Test
    void clients_have_buckets_of_their_own_and_requests_without_a_token_a_smaller_one() {
        ApiRateLimiter limiter = new ApiRateLimiter(bind(Map.of("parley.api.rate-limit.capacity", "3")), clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("token:a", false);
        }
        assertThat(limiter.acquire("token:a", false).allowed()).isFalse();
        assertThat(limiter.acquire("token:b", false).remaining()).isEqualTo(2);

        ApiRateLimiter.Outcome anonymous = limiter.acquire("address:127.0.0.1", true);
        assertThat(anonymous.limit()).isEqualTo(30);
        assertThat(anonymous.remaining()).isEqualTo(29);
    }

    @Test
    void buckets_that_filled_up_again_are_forgotten() {
        ApiRateLimiter limiter = new ApiRateLimiter(bind(Map.of()), clock);
        limiter.acquire("token:a", false);
        limiter.acquire("token:b", false);
        limiter.acquire("address:10.0.0.1", true);

        limiter.dropFullBuckets();
        assertThat(limiter.trackedClients()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(1));
        limiter.dropFullBuckets();
        assertThat(limiter.trackedClients()).isZero();
        // A client seen again starts with a whole allowance, as it would have anyway.
        assertThat(limiter.acquire("token:a", false).remaining()).isEqualTo(299);
    }

    @Test
    void nonsense_limits_stop_the_start() {
        assertThatThrownBy(() -> bind(Map.of("parley.api.rate-limit.capacity", "0")))
                .hasRootCauseMessage("parley.api.rate-limit.capacity and .anonymous-capacity must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("parley.api.rate-limit.period", "0s")))
                .hasRootCauseMessage("parley.api.rate-limit.period must be longer than zero");
    }

    private static ApiRateLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.api.rate-limit", ApiRateLimitProperties.class);
    }
}
