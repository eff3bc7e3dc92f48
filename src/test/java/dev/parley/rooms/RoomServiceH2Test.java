package dev.parley.rooms;

import dev.parley.H2Test;

@H2Test
class RoomServiceH2Test extends RoomServiceContract {}
