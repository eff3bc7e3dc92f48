package dev.parley.rooms;

import dev.parley.H2Test;

@H2Test
class DirectConversationH2Test extends DirectConversationContract {}
