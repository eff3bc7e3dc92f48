package dev.parley.messages;

/** Identifies a message. */
public record MessageId(long value) {}
