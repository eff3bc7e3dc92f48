package dev.parley.accounts;

import dev.parley.H2Test;

@H2Test
class AccountServiceH2Test extends AccountServiceContract {}
