package dev.parley.cluster;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cluster mode ({@code PARLEY_CLUSTER_REDIS_URL}): on when a Redis URL is set, which every node of the cluster shares.
 *
 * @param redisUrl the Redis server, for example {@code redis://redis.example.com:6379} ({@code rediss://} for TLS, a
 *     password as {@code redis://:secret@host:6379}); null: one node on its own
 * @param name the cluster's name, the prefix of everything it keeps in Redis ({@code parley:events}, ...): two clusters
 *     may share one Redis under different names
 * @param heartbeatInterval how often each node tells the others who is online on it, which also says it is alive
 * @param nodeTimeout a node not heard of for this long is taken as gone, and its users offline unless open elsewhere:
 *     with the heartbeat interval at which nodes look for such, within 70 seconds by default
 */
@ConfigurationProperties("parley.cluster")
public record ClusterProperties(
        @Nullable URI redisUrl,
        @DefaultValue("parley") String name,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("60s") Duration nodeTimeout) {

    public ClusterProperties {
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException(
                    "parley.cluster.node-timeout must be at least three heartbeat intervals ("
                            + heartbeatInterval.multipliedBy(3)
                            + "), so that one late heartbeat does not take a node as gone");
        }
        if (name.isBlank() || name.contains(" ")) {
            throw new IllegalArgumentException("parley.cluster.name must be a word, like parley, not '" + name + "'");
        }
        if (redisUrl != null && !"redis".equals(redisUrl.getScheme()) && !"rediss".equals(redisUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "parley.cluster.redis-url must start with redis:// or rediss://, not " + redisUrl.getScheme());
        }
    }
}
