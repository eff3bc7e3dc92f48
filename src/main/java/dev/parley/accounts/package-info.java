/**
 * Accounts: sign-up, sign-in (form login for the UI, bearer tokens for the REST API, single sign-on, and guests who
 * join with a name only while instance admins allow it, see {@link dev.parley.accounts.GuestAccess}), and the users'
 * public summaries that other features show. Passwords and tokens never leave this package in clear.
 */
@NullMarked
package dev.parley.accounts;

import org.jspecify.annotations.NullMarked;
