package dev.parley.files;

import dev.parley.H2Test;

@H2Test
class FileServiceH2Test extends FileServiceContract {}
