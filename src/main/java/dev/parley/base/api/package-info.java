/**
 * Error handling shared by every REST controller ({@code ApiExceptionHandler}), and the last word on every failure of
 * {@code /api/**} and {@code /hooks/**} that no handler answered ({@code ApiErrorFilter}): always {@code {"error":
 * "…"}} in JSON, never the sign-in redirect of the servlet error page.
 */
@NullMarked
package dev.parley.base.api;

import org.jspecify.annotations.NullMarked;
