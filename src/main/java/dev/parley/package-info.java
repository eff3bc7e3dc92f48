/**
 * Parley, a self-hosted real-time team chat. One package per feature (accounts, presence, rooms, messages), each with
 * its public service, entities, IDs and events at the root, repositories in {@code internal}, views in {@code ui} and
 * REST controllers in {@code api}. {@code realtime} carries events to open UIs; {@code base} is the shared kernel;
 * {@code shell} is the main layout that ties the features together.
 */
@NullMarked
package dev.parley;

import org.jspecify.annotations.NullMarked;
