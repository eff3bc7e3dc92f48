/** REST endpoints for registration and token issue; they need no token themselves. */
@NullMarked
package dev.parley.accounts.api;

import org.jspecify.annotations.NullMarked;
