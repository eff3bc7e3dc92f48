package dev.parley.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in the start-up failure report why cluster mode cannot start as set up, and what to change. */
class ClusterSetUpFailureAnalyzer extends AbstractFailureAnalyzer<ClusterSetUpException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ClusterSetUpException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "See \"Running a cluster\" in the README: every node needs the same PostgreSQL database"
                        + " (SPRING_DATASOURCE_URL) and the same Redis (PARLEY_CLUSTER_REDIS_URL), both reachable.",
                cause);
    }
}
