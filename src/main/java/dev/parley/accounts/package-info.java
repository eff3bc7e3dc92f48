/**
 * Accounts: sign-up, sign-in (form login for the UI, bearer tokens for the REST API, single sign-on, and guests who
 * join with a name only while instance admins allow it, see {@link dev.parley.accounts.GuestAccess}), and the users'
 * public summaries that other features show. Passwords and tokens never leave this package in clear. Every sign-in goes
 * through {@link dev.parley.accounts.SignInThrottle}, which locks accounts and addresses that fail too often. The
 * Spring Security web plumbing (filter chains, request filters, the OpenID Connect wiring) lives in {@code security};
 * the services here are what it calls.
 */
@NullMarked
package dev.parley.accounts;

import org.jspecify.annotations.NullMarked;
