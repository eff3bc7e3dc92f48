package dev.parley.cluster;

import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.EventsMissed;
import dev.parley.realtime.LinkChanged;
import dev.parley.realtime.LocalBroadcaster;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The cluster's broadcaster: an event that crosses nodes ({@link EventCodec#crossesNodes}) is published on one Redis
 * pub/sub channel, and every node, this one included, delivers what the channel brings to its own subscribers through
 * its {@link LocalBroadcaster}. Redis orders the channel's messages, and each node reads them on one connection, in
 * that order: every subscriber on every node sees a topic's events in the same order, once. Other events (a clock tick)
 * stay on their node.
 *
 * <p>Redis keeps nothing of a channel, so an interruption is made good from the database instead. While this node's
 * subscription is lost, its subscribers hear so ({@link LinkChanged}: open pages say that live updates are paused);
 * when it comes back, every subscriber here is told {@link EventsMissed} (open views are made again from the database);
 * when this node failed to publish, it asks every node to do the same as soon as it can publish again. Publishing never
 * waits for Redis, and never fails the change it announces: that is stored already.
 */
public final class RedisBroadcaster implements Broadcaster, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisBroadcaster.class);

    private final String channel;
    private final LocalBroadcaster local;
    private final EventCodec codec;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final StatefulRedisConnection<String, String> publisher;
    /** Set when this node's subscription was lost; cleared when it is back and this node's subscribers were told. */
    private final AtomicBoolean subscriptionLost = new AtomicBoolean();
    /** Set when a publication failed; cleared once every node has been asked to catch up. */
    private final AtomicBoolean publicationFailed = new AtomicBoolean();

    private volatile boolean closing;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("parley-redis-resync").factory());

    /**
     * Connects to Redis, and subscribes to the channel before returning.
     *
     * @param channel the channel all events go through: {@code <cluster name>:events}
     */
    RedisBroadcaster(RedisClient redis, String channel, LocalBroadcaster local, EventCodec codec) {
        this.channel = channel;
        this.local = local;
        this.codec = codec;
        redis.addListener(new ConnectionStates());
        this.subscriber = redis.connectPubSub();
        this.publisher = redis.connect();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                receive(message);
            }

            @Override
            public void subscribed(String channel, long count) {
                if (subscriptionLost.compareAndSet(true, false)) {
                    log.info("Subscribed to Redis again: open views catch up from the database");
                    local.publishToAll(new LinkChanged(true));
                    local.publishToAll(EventsMissed.INSTANCE);
                }
            }
        });
        subscriber.sync().subscribe(channel);
        retries.scheduleWithFixedDelay(this::askToCatchUpIfNeeded, 1, 1, TimeUnit.SECONDS);
    }

    /** While the link to Redis is down, a new subscriber hears so at once ({@link LinkChanged}). */
    @Override
    public Subscription subscribe(String topic, Consumer<Object> listener) {
        Subscription subscription = local.subscribe(topic, listener);
        if (subscriptionLost.get()) {
            listener.accept(new LinkChanged(false));
        }
        return subscription;
    }

    @Override
    public void publish(String topic, Object event) {
        publish(List.of(topic), event);
    }

    @Override
    public void publish(List<String> topics, Object event) {
        if (closing) {
            // This node is stopping and its link to Redis is closed: what its last writes announce (read positions
            // flushed at shutdown) reaches its own views only. Other nodes' views read those changes from the database
            // when they next load them.
            local.publish(topics, event);
            return;
        }
        if (!EventCodec.crossesNodes(event)) {
            local.publish(topics, event);
            return;
        }
        send(codec.encode(topics, event));
    }

    private void send(String message) {
        try {
            publisher.async().publish(channel, message).whenComplete((receivers, failure) -> {
                if (failure != null) {
                    publicationFailed(failure);
                }
            });
        } catch (RuntimeException e) {
            publicationFailed(e);
        }
    }

    private void publicationFailed(Throwable failure) {
        if (publicationFailed.compareAndSet(false, true)) {
            log.warn(
                    "Could not publish an event to Redis; every node catches up once it can again: {}",
                    failure.toString());
        }
    }

    /** Once Redis takes publications again after a failed one, every node's views catch up from the database. */
    private void askToCatchUpIfNeeded() {
        if (!publicationFailed.get() || !publisher.isOpen()) {
            return;
        }
        try {
            publisher.sync().publish(channel, codec.encodeResync());
            publicationFailed.set(false);
            log.info("Publishing to Redis again: asked every node to catch up");
        } catch (RuntimeException e) {
            log.debug("Redis does not take publications yet", e);
        }
    }

    private void receive(String message) {
        EventCodec.Decoded decoded;
        try {
            decoded = codec.decode(message);
        } catch (RuntimeException e) {
            // A message this node cannot read (another version's event): its views may now miss something.
            log.warn("Ignored a message on {} that this node cannot read: {}", channel, e.toString());
            local.publishToAll(EventsMissed.INSTANCE);
            return;
        }
        Object event = decoded.event();
        if (event == null) {
            local.publishToAll(EventsMissed.INSTANCE);
        } else {
            local.publish(decoded.topics(), event);
        }
    }

    @Override
    public void destroy() {
        closing = true;
        retries.shutdownNow();
        subscriber.close();
        publisher.close();
    }

    private final class ConnectionStates implements RedisConnectionStateListener {

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closing && connection == subscriber && subscriptionLost.compareAndSet(false, true)) {
                log.warn("Lost the connection to Redis: live events of other nodes wait until it is back");
                local.publishToAll(new LinkChanged(false));
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            log.debug("Connected to Redis at {}", address);
        }
    }
}
