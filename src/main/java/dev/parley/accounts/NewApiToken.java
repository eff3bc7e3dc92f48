package dev.parley.accounts;

/** A token just created: the only time the secret is available. */
public record NewApiToken(ApiTokenInfo info, String token) {}
