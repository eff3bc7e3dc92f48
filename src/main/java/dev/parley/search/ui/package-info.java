/** The search field in the header and its list of hits, and the search index's section of the Administration page. */
@NullMarked
package dev.parley.search.ui;

import org.jspecify.annotations.NullMarked;
