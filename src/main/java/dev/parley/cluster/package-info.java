/**
 * Several Parley nodes as one: with {@code parley.cluster.redis-url} set, the events that open views follow cross
 * between nodes through Redis ({@link dev.parley.cluster.RedisBroadcaster}). Knows no feature: events are the records
 * of {@link dev.parley.realtime.TopicEvent}, written as JSON. See docs/design-decisions for why Redis and what happens
 * when it is briefly out of reach.
 */
@NullMarked
package dev.parley.cluster;

import org.jspecify.annotations.NullMarked;
