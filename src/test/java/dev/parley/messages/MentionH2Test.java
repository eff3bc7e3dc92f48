package dev.parley.messages;

import dev.parley.H2Test;

@H2Test
class MentionH2Test extends MentionContract {}
