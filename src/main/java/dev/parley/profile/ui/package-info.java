/** The Profile page. */
@NullMarked
package dev.parley.profile.ui;

import org.jspecify.annotations.NullMarked;
