/**
 * The load harness (docs/benchmarks.md): drives a running Parley production jar over its real protocols only — HTTP
 * sign-in, the REST API for senders, and a headless client of Vaadin's own protocol (UIDL over HTTP, push over
 * WebSocket) for receivers. It lives with the tests so that one browser test can check the headless client against
 * Chromium; {@code ./mvnw -Pbench verify} runs it.
 */
@NullMarked
package dev.parley.bench;

import org.jspecify.annotations.NullMarked;
