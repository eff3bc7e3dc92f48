package dev.parley.accounts;

import dev.parley.H2Test;

@H2Test
class SingleSignOnH2Test extends SingleSignOnContract {}
