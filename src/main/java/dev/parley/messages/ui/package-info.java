/** The room view: message history with infinite scroll, the composer, and the members sidebar, all live. */
@NullMarked
package dev.parley.messages.ui;

import org.jspecify.annotations.NullMarked;
