package dev.parley.cluster;

/** Cluster mode is asked for, and cannot work as set up; the message says what to change. */
class ClusterSetUpException extends RuntimeException {

    ClusterSetUpException(String message) {
        super(message);
    }

    ClusterSetUpException(String message, Throwable cause) {
        super(message, cause);
    }
}
