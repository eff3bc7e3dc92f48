package dev.parley.rooms;

import dev.parley.H2Test;

@H2Test
class ModerationH2Test extends ModerationContract {}
