/**
 * The application shell: the main layout around every signed-in view (navigation drawer with the user's rooms, header
 * with the user menu), the not-found page, and the registration of each open UI with presence.
 */
@NullMarked
package dev.parley.shell;

import org.jspecify.annotations.NullMarked;
