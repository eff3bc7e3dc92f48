/**
 * Accounts: sign-up, sign-in (form login for the UI, bearer tokens for the REST API), and the users' public
 * summaries that other features show. Passwords and tokens never leave this package in clear.
 */
@NullMarked
package dev.parley.accounts;

import org.jspecify.annotations.NullMarked;
