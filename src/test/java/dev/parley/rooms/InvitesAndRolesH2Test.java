package dev.parley.rooms;

import dev.parley.H2Test;

@H2Test
class InvitesAndRolesH2Test extends InvitesAndRolesContract {}
