package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.MutableClock;
import dev.parley.accounts.UserId;
import dev.parley.base.RateLimitedException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The per-user posting limit on a clock the test moves: no sleeping. */
class MessageRateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final UserId alice = new UserId(1);
    private final UserId bob = new UserId(2);

    @Test
    void the_default_is_ten_messages_per_ten_seconds() {
        MessageRateLimitProperties defaults = bind(Map.of());

        assertThat(defaults.capacity()).isEqualTo(10);
        assertThat(defaults.period()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void the_eleventh_message_at_once_is_refused_with_the_time_to_wait() {
        MessageRateLimiter limiter = new MessageRateLimiter(bind(Map.of()), clock);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(alice);
        }

        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class, () -> limiter.acquire(alice));

        // The bucket refills evenly: one message a second with the defaults.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused).hasMessage("You can send again in 1 s");
    }

    @Test
    void the_allowance_refills_over_the_period() {
        MessageRateLimiter limiter = new MessageRateLimiter(bind(Map.of()), clock);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(alice);
        }
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);

        clock.advance(Duration.ofMillis(999));
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofMillis(1));
        limiter.acquire(alice);
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);

        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            limiter.acquire(alice);
        }
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void each_user_has_an_allowance_of_their_own() {
        MessageRateLimiter limiter = new MessageRateLimiter(bind(Map.of()), clock);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(alice);
        }
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);

        for (int i = 0; i < 10; i++) {
            limiter.acquire(bob);
        }
        assertThatThrownBy(() -> limiter.acquire(bob)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void each_webhook_has_an_allowance_of_its_own_apart_from_its_creators() {
        MessageRateLimiter limiter = new MessageRateLimiter(bind(Map.of()), clock);
        MessageRateLimiter.WebhookKey ci = new MessageRateLimiter.WebhookKey(1);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(ci);
        }

        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class, () -> limiter.acquire(ci));

        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // Alice (id 1, as the webhook) and another webhook still have their whole allowance.
        limiter.acquire(alice);
        limiter.acquire(new MessageRateLimiter.WebhookKey(2));
        assertThat(limiter.trackedUsers()).isEqualTo(3);
    }

    @Test
    void the_wait_is_given_in_whole_seconds_rounded_up() {
        MessageRateLimiter limiter = new MessageRateLimiter(
                bind(Map.of("parley.messages.rate-limit.capacity", "2", "parley.messages.rate-limit.period", "10s")),
                clock);
        limiter.acquire(alice);
        limiter.acquire(alice);
        clock.advance(Duration.ofMillis(2500));

        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class, () -> limiter.acquire(alice));

        // One message per 5 s, 2.5 s of which have passed.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(2500));
        assertThat(refused).hasMessage("You can send again in 3 s");
        assertThat(new RateLimitedException(Duration.ofMillis(1))).hasMessage("You can send again in 1 s");
        assertThat(new RateLimitedException(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void users_whose_allowance_is_whole_again_are_forgotten() {
        MessageRateLimiter limiter = new MessageRateLimiter(bind(Map.of()), clock);
        limiter.acquire(alice);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(bob);
        }
        assertThat(limiter.trackedUsers()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        limiter.dropFullBuckets();
        assertThat(limiter.trackedUsers()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(9));
        limiter.dropFullBuckets();
        assertThat(limiter.trackedUsers()).isZero();
        // A forgotten user starts again with a whole allowance.
        for (int i = 0; i < 10; i++) {
            limiter.acquire(bob);
        }
        assertThatThrownBy(() -> limiter.acquire(bob)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void a_limit_that_allows_nothing_is_refused_at_start_up() {
        assertThatThrownBy(() -> bind(Map.of("parley.messages.rate-limit.capacity", "0")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause()
                .hasMessageContaining("capacity must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("parley.messages.rate-limit.period", "0s")))
                .rootCause()
                .hasMessageContaining("period must be longer than zero");
    }

    /** Binds the properties as Spring Boot does at start-up, defaults included. */
    private static MessageRateLimitProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.messages.rate-limit", MessageRateLimitProperties.class);
    }
}
