/** REST endpoints for people: {@code /api/users/me} (the caller's profile) and {@code /api/users/{username}}. */
@NullMarked
package dev.parley.people.api;

import org.jspecify.annotations.NullMarked;
