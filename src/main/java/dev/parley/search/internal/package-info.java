/** The search index's mapping of messages, its analyzers, and how deleted messages stay out of it. */
@NullMarked
package dev.parley.search.internal;

import org.jspecify.annotations.NullMarked;
