package dev.parley.cluster;

import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.LocalBroadcaster;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.util.List;

/** A node's cluster broadcaster for tests, on the Redis of 127.0.0.1 (or a proxy in front of it). */
public final class RedisBroadcasters {

    private RedisBroadcasters() {}

    /**
     * Connects as {@link ClusterConfiguration} does; what must be closed after the test is added to {@code closing}, in
     * the order it was made.
     */
    public static Broadcaster forTest(
            String node, int redisPort, String channel, LocalBroadcaster local, List<AutoCloseable> closing) {
        RedisURI uri = RedisURI.create("127.0.0.1", redisPort);
        uri.setClientName("test@" + node);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        closing.add(client::shutdown);
        RedisBroadcaster broadcaster = new RedisBroadcaster(client, channel, local, new EventCodec(node));
        closing.add(broadcaster::destroy);
        return broadcaster;
    }
}
