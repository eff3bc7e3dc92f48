package dev.parley.accounts.internal;

import dev.parley.accounts.SignInAttempts;
import dev.parley.base.SecretTokens;
import dev.parley.cluster.ClusterProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * {@link SignInAttempts} in Redis, shared by every node of a cluster: guessing passwords on several nodes gives no more
 * tries than on one. Each key's {@link SignInEntry} is one Redis string that expires when its failures are forgotten,
 * changed by compare-and-set (a short script that writes only if the value is still the one read), retried on a race.
 * While Redis cannot be reached, this node's own memory keeps the attempts meanwhile.
 */
@Component
@Primary
@ConditionalOnProperty("parley.cluster.redis-url")
class RedisSignInAttempts implements SignInAttempts, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisSignInAttempts.class);

    /** Writes ARGV[2] (deletes when empty) with an expiry of ARGV[3] ms only if the key still holds ARGV[1]. */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if (current == false and ARGV[1] == '') or current == ARGV[1] then
              if ARGV[2] == '' then redis.call('DEL', KEYS[1])
              else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
              return 1
            end
            return 0
            """;

    private static final int ATTEMPTS = 50;

    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final InMemorySignInAttempts whenUnreachable;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    @Autowired
    RedisSignInAttempts(RedisClient redis, ClusterProperties cluster, Clock clock) {
        this(redis, cluster.name() + ":sign-in:", new InMemorySignInAttempts(clock));
    }

    RedisSignInAttempts(RedisClient redis, String prefix, InMemorySignInAttempts whenUnreachable) {
        this.connection = redis.connect();
        this.prefix = prefix;
        this.whenUnreachable = whenUnreachable;
    }

    @Override
    public Optional<Duration> admit(String key, Limit limit, Instant now) {
        @Nullable Duration[] wait = new Duration[1];
        boolean done = update(key, now, stored -> {
            SignInEntry.Admission admission = SignInEntry.admit(stored, limit, now);
            wait[0] = admission.refusedFor();
            return admission.next();
        });
        return done ? Optional.ofNullable(wait[0]) : whenUnreachable.admit(key, limit, now);
    }

    @Override
    public void finish(String key, Limit limit, boolean failed, Instant now) {
        if (!update(key, now, stored -> SignInEntry.finish(stored, limit, failed, now))) {
            whenUnreachable.finish(key, limit, failed, now);
        }
    }

    /** Applies the change to the key's entry atomically; false when Redis cannot be reached. */
    private boolean update(String key, Instant now, UnaryOperator<@Nullable SignInEntry> change) {
        String redisKey = prefix + SecretTokens.hash(key);
        try {
            for (int i = 0; i < ATTEMPTS; i++) {
                String current = connection.sync().get(redisKey);
                SignInEntry next = change.apply(current == null ? null : SignInEntry.decode(current));
                long expiry = next == null
                        ? 0
                        : Math.max(1, Duration.between(now, next.expires()).toMillis());
                Long written = connection
                        .sync()
                        .eval(
                                COMPARE_AND_SET,
                                ScriptOutputType.INTEGER,
                                new String[] {redisKey},
                                current == null ? "" : current,
                                next == null ? "" : next.encode(),
                                String.valueOf(expiry));
                if (written != null && written == 1) {
                    reachable();
                    return true;
                }
            }
            throw new IllegalStateException("Sign-in attempts for one key changed " + ATTEMPTS + " times in a row");
        } catch (RuntimeException e) {
            if (unreachable.compareAndSet(false, true)) {
                log.warn(
                        "Sign-in attempts in Redis cannot be reached; this node counts them on its own meanwhile: {}",
                        e.toString());
            }
            return false;
        }
    }

    private void reachable() {
        if (unreachable.compareAndSet(true, false)) {
            log.info("Sign-in attempts in Redis are reachable again");
        }
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
