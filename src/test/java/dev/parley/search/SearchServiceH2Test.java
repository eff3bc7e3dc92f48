package dev.parley.search;

import dev.parley.H2Test;

@H2Test
class SearchServiceH2Test extends SearchServiceContract {}
