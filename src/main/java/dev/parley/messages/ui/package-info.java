/**
 * The room view: message history with infinite scroll and the composer, all live. The members sidebar and the room
 * management it shows (invite, settings, moderation) are the rooms feature's, from rooms.ui.
 */
@NullMarked
package dev.parley.messages.ui;

import org.jspecify.annotations.NullMarked;
