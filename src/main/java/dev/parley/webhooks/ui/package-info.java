/** The Webhooks page of a room ({@code /rooms/{slug}/webhooks}), for its admins. */
@NullMarked
package dev.parley.webhooks.ui;

import org.jspecify.annotations.NullMarked;
