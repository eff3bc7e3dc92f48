/**
 * Presence: who is online now. A user is online while at least one of their UIs (browser tabs) is open; a UI that stops
 * sending heartbeats is taken offline after a timeout. Kept in memory on this node.
 */
@NullMarked
package dev.parley.presence;

import org.jspecify.annotations.NullMarked;
