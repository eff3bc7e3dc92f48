package dev.parley.realtime;

/**
 * This node lost its link to the other nodes of its cluster (Redis), or has it back. Delivered to every subscriber of
 * the node, and to each new one while the link is down: an open page says that live updates from elsewhere are paused
 * ({@link UiBacklog#linkChanged}), and once the link is back, {@link EventsMissed} makes it whole again. Never sent
 * between nodes.
 *
 * @param up whether the link works (again)
 */
public record LinkChanged(boolean up) {}
