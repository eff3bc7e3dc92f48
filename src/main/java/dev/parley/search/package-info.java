/**
 * Search: full-text search over the messages a user may read, with Hibernate Search and a Lucene index under the data
 * folder ({@code index/}). The index follows every post, edit and delete as the ORM commits them; queries take the
 * readable rooms as a filter inside the Lucene query, so counts and pages are exact.
 */
@NullMarked
package dev.parley.search;

import org.jspecify.annotations.NullMarked;
