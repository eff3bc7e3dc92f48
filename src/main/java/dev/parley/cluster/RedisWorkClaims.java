package dev.parley.cluster;

import dev.parley.base.WorkClaims;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/** {@link WorkClaims} in Redis: a key per work, set only if absent, expiring with the lease. */
final class RedisWorkClaims implements WorkClaims, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisWorkClaims.class);

    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final String node;

    /** @param prefix of every claim's key, {@code <cluster name>:claim:} */
    RedisWorkClaims(RedisClient redis, String prefix, String node) {
        this.connection = redis.connect();
        this.prefix = prefix;
        this.node = node;
    }

    @Override
    public boolean claim(String work, Duration lease) {
        try {
            return "OK"
                    .equals(connection
                            .sync()
                            .set(prefix + work, node, SetArgs.Builder.nx().px(lease.toMillis())));
        } catch (RuntimeException e) {
            log.warn("Cannot claim {} in Redis; this node does it, as others may: {}", work, e.toString());
            return true;
        }
    }

    @Override
    public void release(String work) {
        try {
            connection.sync().del(prefix + work);
        } catch (RuntimeException e) {
            // The claim lapses by itself when its lease ends.
            log.warn("Cannot release {} in Redis; it lapses by itself: {}", work, e.toString());
        }
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
