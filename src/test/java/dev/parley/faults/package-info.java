/**
 * Fault tests (issue 20, docs/reliability.md): a production jar in a child process, killed, starved or crowded, then
 * checked from outside, over HTTP. Not part of the normal suite: {@code ./mvnw -Pfaults verify} runs them after
 * packaging the jar.
 */
@NullMarked
package dev.parley.faults;

import org.jspecify.annotations.NullMarked;
