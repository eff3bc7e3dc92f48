/** The lobby and the dialog that creates rooms. */
@NullMarked
package dev.parley.rooms.ui;

import org.jspecify.annotations.NullMarked;
