package dev.parley.messages;

import java.util.List;

/**
 * One emoji on a message and who reacted with it, in the order they did.
 *
 * @param users at least one
 */
public record Reaction(String emoji, List<Reactor> users) {

    public Reaction {
        users = List.copyOf(users);
    }

    public int count() {
        return users.size();
    }
}
