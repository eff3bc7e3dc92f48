package dev.parley.cluster;

import dev.parley.base.SharedBuckets;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.LocalBroadcaster;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.util.List;

/** A node's cluster broadcaster and shared buckets for tests, on the Redis of 127.0.0.1 (or a proxy in front of it). */
public final class RedisBroadcasters {

    private RedisBroadcasters() {}

    /** A node's shared buckets, under the prefix, on the Redis of 127.0.0.1 or a proxy in front of it. */
    public static SharedBuckets buckets(int redisPort, String prefix, Clock clock, List<AutoCloseable> closing) {
        RedisClient client = client("buckets", redisPort);
        closing.add(client::shutdown);
        RedisBuckets buckets = new RedisBuckets(client, prefix, clock);
        closing.add(buckets::destroy);
        return buckets;
    }

    /**
     * A node's broadcaster, connected as {@link ClusterConfiguration} does; what must be closed after the test is added
     * to {@code closing}, in the order it was made.
     */
    public static Broadcaster forTest(
            String node, int redisPort, String channel, LocalBroadcaster local, List<AutoCloseable> closing) {
        RedisClient client = client(node, redisPort);
        closing.add(client::shutdown);
        RedisBroadcaster broadcaster = new RedisBroadcaster(client, channel, local, new EventCodec(node));
        closing.add(broadcaster::destroy);
        return broadcaster;
    }

    private static RedisClient client(String node, int redisPort) {
        RedisURI uri = RedisURI.create("127.0.0.1", redisPort);
        uri.setClientName("test@" + node);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
