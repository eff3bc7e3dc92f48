/**
 * Fault tests (issue 20, docs/reliability.md): a Parley production jar in a child process is broken on purpose (a full
 * disk, kill -9, a second instance on its data folder or port, SIGTERM under load with browsers that stop reading) and
 * checked from outside. They need the packaged jar, so they run in the {@code faults} profile ({@code ./mvnw -Pfaults
 * verify}), not in the normal suite.
 */
@NullMarked
package dev.parley.faults;

import org.jspecify.annotations.NullMarked;
