/** REST endpoints for a room's messages: history in both directions, and posting. */
@NullMarked
package dev.parley.messages.api;

import org.jspecify.annotations.NullMarked;
