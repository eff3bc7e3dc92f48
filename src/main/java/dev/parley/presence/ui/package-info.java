/** The list of everyone on the instance, online first. */
@NullMarked
package dev.parley.presence.ui;

import org.jspecify.annotations.NullMarked;
