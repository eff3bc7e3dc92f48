package dev.parley.base;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Token buckets that every node of a cluster shares, for the limits (posting, API requests): spreading requests over
 * the nodes gives no more than one node allows. There is none on a node on its own, where each limiter keeps its
 * buckets in memory.
 */
public interface SharedBuckets {

    /**
     * Takes one token from the key's bucket, made full when it does not exist: {@code capacity} tokens, refilled evenly
     * over {@code period}.
     *
     * @param key names the bucket among all the cluster's, for example {@code post:user:42}
     * @param whenUnreachable asked instead while the shared buckets cannot be reached: this node's own bucket for the
     *     key, so that the limit still holds per node and nothing waits on the outage
     */
    ConsumptionProbe tryConsume(String key, long capacity, Duration period, Supplier<ConsumptionProbe> whenUnreachable);
}
