package dev.parley.files;

import dev.parley.H2Test;

@H2Test
class AvatarServiceH2Test extends AvatarServiceContract {}
