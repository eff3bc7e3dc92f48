/**
 * Search: full-text search over the messages a user may read, with Hibernate Search and a Lucene index under the data
 * folder ({@code index/}). The index follows every post, edit and delete as the ORM commits them; queries take the
 * readable rooms as a filter inside the Lucene query, so counts and pages are exact. {@code SearchService} answers
 * searches, {@code SearchIndex} holds what they need of the index, and {@code IndexCatchUp} keeps the index complete
 * from the database (after a crash or a failed index write), building it whole ({@code IndexRebuild}) only when it is
 * missing or unreadable.
 */
@NullMarked
package dev.parley.search;

import org.jspecify.annotations.NullMarked;
