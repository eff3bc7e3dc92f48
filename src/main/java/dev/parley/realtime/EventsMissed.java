package dev.parley.realtime;

/**
 * Delivered to every subscriber of a node when events may have been missed: the node's connection to the other nodes of
 * a cluster was interrupted, or another node could not publish for a while. A subscriber that keeps state built from
 * events reads it again; an open UI is made again from the database ({@link UiBacklog#resync()}), as after a dropped
 * connection. Never published by features, and never sent between nodes.
 */
public record EventsMissed() {

    public static final EventsMissed INSTANCE = new EventsMissed();
}
