package dev.parley.messages;

import dev.parley.rooms.RoomId;
import java.time.Instant;

/** A message as views and the REST API show it; built once per message, shared by every recipient. */
public record ChatMessage(MessageId id, RoomId room, long seq, MessageAuthor author, String body, Instant createdAt) {}
