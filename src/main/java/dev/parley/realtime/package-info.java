/**
 * Real-time fan-out: topics that open UIs subscribe to, and the relay that forwards committed events to them. Knows no
 * feature types; a cluster transport can replace {@link dev.parley.realtime.LocalBroadcaster} behind the
 * {@link dev.parley.realtime.Broadcaster} interface without touching views.
 */
@NullMarked
package dev.parley.realtime;

import org.jspecify.annotations.NullMarked;
