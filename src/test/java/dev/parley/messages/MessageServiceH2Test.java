package dev.parley.messages;

import dev.parley.H2Test;

@H2Test
class MessageServiceH2Test extends MessageServiceContract {}
