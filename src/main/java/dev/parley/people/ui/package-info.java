/** The People page: everyone on the instance, online first, with a button to start a direct conversation with each. */
@NullMarked
package dev.parley.people.ui;

import org.jspecify.annotations.NullMarked;
