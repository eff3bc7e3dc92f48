package dev.parley.rooms;

import dev.parley.H2Test;

@H2Test
class ReadPositionH2Test extends ReadPositionContract {}
