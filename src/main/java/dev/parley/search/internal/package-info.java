/**
 * The search index's mapping of messages, its analyzers, how deleted messages stay out of it, and what the catch-up
 * reads and writes beside it: the committed index as Lucene left it on disk, and the watermark of what it holds.
 */
@NullMarked
package dev.parley.search.internal;

import org.jspecify.annotations.NullMarked;
