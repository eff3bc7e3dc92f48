package dev.parley.accounts;

import dev.parley.H2Test;

@H2Test
class GuestAccessH2Test extends GuestAccessContract {}
