/**
 * The accounts feature's Spring Security web plumbing: the two filter chains ({@code /api/**} with bearer tokens and
 * the request limit, Vaadin's for the rest), the sign-in form's throttled password check, the request filters (API
 * tokens, the request limit, ended sessions, a guest's sign-in, an unreachable provider, requests from other origins),
 * the security headers of pages and the OpenID Connect wiring of single sign-on. It works through the accounts
 * feature's services ({@link dev.parley.accounts.ApiTokenService}, {@link dev.parley.accounts.SignInThrottle},
 * {@link dev.parley.accounts.SingleSignOn}, {@link dev.parley.accounts.GuestAccess},
 * {@link dev.parley.accounts.ActiveSessions}); nothing outside this package refers to it.
 */
@NullMarked
package dev.parley.accounts.security;

import org.jspecify.annotations.NullMarked;
