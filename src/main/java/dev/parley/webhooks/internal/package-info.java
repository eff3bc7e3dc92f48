/** The webhooks' repository: nobody outside the feature touches it. */
@NullMarked
package dev.parley.webhooks.internal;

import org.jspecify.annotations.NullMarked;
