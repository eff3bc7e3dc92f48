package dev.parley.rooms;

/**
 * A new message's place in its room ({@code seq}, gap-free from 1) and in the room's changes ({@code version}: every
 * post, edit and delete takes the next one).
 */
public record MessageNumbers(long seq, long version) {}
