/** Small UI helpers every feature's views share. */
@NullMarked
package dev.parley.base.ui;

import org.jspecify.annotations.NullMarked;
