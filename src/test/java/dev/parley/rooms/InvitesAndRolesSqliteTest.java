package dev.parley.rooms;

import dev.parley.SqliteTest;

@SqliteTest
class InvitesAndRolesSqliteTest extends InvitesAndRolesContract {}
