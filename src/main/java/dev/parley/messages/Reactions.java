package dev.parley.messages;

import dev.parley.base.InvalidInputException;
import java.util.List;

/** The emoji people may react with: a small palette, in the order chips and buttons show them. */
public final class Reactions {

    /** The only emoji accepted, in display order. */
    public static final List<String> PALETTE = List.of("👍", "❤️", "😄", "🎉", "😮", "😢");

    private Reactions() {}

    /**
     * The palette's own instance of the emoji.
     *
     * @throws InvalidInputException when it is not in the palette
     */
    static String fromPalette(String emoji) {
        int index = PALETTE.indexOf(emoji);
        if (index < 0) {
            throw new InvalidInputException("Pick a reaction from the palette");
        }
        return PALETTE.get(index);
    }
}
