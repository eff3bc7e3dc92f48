package dev.parley.accounts;

import dev.parley.H2Test;

@H2Test
class InstanceAdministrationH2Test extends InstanceAdministrationContract {}
