package dev.parley.cluster;

import dev.parley.base.NodeName;
import dev.parley.realtime.LocalBroadcaster;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Cluster mode, on when {@code parley.cluster.redis-url} is set: the nodes share PostgreSQL for data and Redis for what
 * is live. Refuses to start on SQLite or H2, which one node keeps to itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("parley.cluster.redis-url")
class ClusterConfiguration {

    ClusterConfiguration(@Value("${parley.database:sqlite}") String database) {
        if (!"postgresql".equals(database)) {
            throw new ClusterSetUpException("Cluster mode (parley.cluster.redis-url) needs PostgreSQL, and the database"
                    + " is " + database + ": every node must share the same database, and a " + database
                    + " database belongs to one node. Set SPRING_DATASOURCE_URL=jdbc:postgresql://HOST:5432/DB, or"
                    + " leave PARLEY_CLUSTER_REDIS_URL unset to run one node on its own.");
        }
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(ClusterProperties properties, NodeName node) {
        RedisURI uri = RedisURI.create(Objects.requireNonNull(properties.redisUrl()));
        // Redis's CLIENT LIST names each connection's node.
        uri.setClientName(properties.name() + "@" + node.name().replaceAll("\\s", "_"));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is out of reach a publication fails at once instead of waiting in memory to be sent
                // late: views catch up from the database when it is back (RedisBroadcaster).
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    @Bean
    @Primary
    RedisBroadcaster redisBroadcaster(
            RedisClient redis, LocalBroadcaster local, NodeName node, ClusterProperties properties) {
        try {
            return new RedisBroadcaster(redis, properties.name() + ":events", local, new EventCodec(node.name()));
        } catch (RedisConnectionException e) {
            throw new ClusterSetUpException(
                    "Cannot reach Redis at " + withoutPassword(properties.redisUrl())
                            + " (parley.cluster.redis-url): "
                            + e.getMessage(),
                    e);
        }
    }

    @Bean
    RedisBuckets redisBuckets(RedisClient redis, ClusterProperties properties, Clock clock) {
        return new RedisBuckets(redis, properties.name() + ":limit:", clock);
    }

    @Bean
    @Primary
    RedisWorkClaims redisWorkClaims(RedisClient redis, ClusterProperties properties, NodeName node) {
        return new RedisWorkClaims(redis, properties.name() + ":claim:", node.name());
    }

    /** The URL as logs may show it. */
    static String withoutPassword(@Nullable URI url) {
        if (url == null) {
            return "";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath();
    }
}
