package dev.parley.rooms;

import dev.parley.PostgresTest;

@PostgresTest
class InvitesAndRolesPostgresTest extends InvitesAndRolesContract {}
