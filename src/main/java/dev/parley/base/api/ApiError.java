package dev.parley.base.api;

/** The body of every REST API error: {@code {"error": "…"}}. */
public record ApiError(String error) {}
