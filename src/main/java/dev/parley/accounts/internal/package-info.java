/** Persistence of accounts and API tokens. */
@NullMarked
package dev.parley.accounts.internal;

import org.jspecify.annotations.NullMarked;
