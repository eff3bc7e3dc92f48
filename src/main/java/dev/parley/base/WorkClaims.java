package dev.parley.base;

import java.time.Duration;

/**
 * Work the cluster must do once, not once per node: a background job's run, say. Each node asks before doing it; on a
 * node on its own the answer is always yes. In a cluster one node gets the claim until it lapses, so a job whose node
 * dies is done by another the next time; while Redis cannot be reached every node does the work, which such jobs must
 * bear (none does harm done twice).
 */
public interface WorkClaims {

    /**
     * Whether this node is the one to do the work now.
     *
     * @param work names the work, for example {@code files:sweep-pending}
     * @param lease how long the claim holds: no other node gets it before; at most the job's interval
     */
    boolean claim(String work, Duration lease);

    /** Gives up a claim before its lease ends: the work is done, or no longer wanted. */
    default void release(String work) {}

    /** A node on its own does all the work. */
    WorkClaims ALONE = (work, lease) -> true;
}
