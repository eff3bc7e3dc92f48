/** The search field in the header and its list of hits. */
@NullMarked
package dev.parley.search.ui;

import org.jspecify.annotations.NullMarked;
