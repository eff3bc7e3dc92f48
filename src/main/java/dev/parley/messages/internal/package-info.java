/** Persistence of messages. */
@NullMarked
package dev.parley.messages.internal;

import org.jspecify.annotations.NullMarked;
