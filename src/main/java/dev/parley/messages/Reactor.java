package dev.parley.messages;

import dev.parley.accounts.UserId;

/** Someone who reacted to a message, as shown in the reaction's tooltip. */
public record Reactor(UserId id, String username, String displayName) {}
