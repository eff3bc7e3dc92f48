package dev.parley.rooms;

import dev.parley.base.InvalidInputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** How long a new invite link lets people in: the choices the UI offers and the REST API accepts by label. */
public enum InviteExpiry {
    HOUR("1h", "1 hour", Duration.ofHours(1)),
    DAY("1d", "1 day", Duration.ofDays(1)),
    WEEK("7d", "7 days", Duration.ofDays(7)),
    NEVER("never", "Never", null);

    private final String label;
    private final String text;
    private final @Nullable Duration duration;

    InviteExpiry(String label, String text, @Nullable Duration duration) {
        this.label = label;
        this.text = text;
        this.duration = duration;
    }

    /** The label of the REST API: {@code 1h}, {@code 1d}, {@code 7d}, {@code never}. */
    public String label() {
        return label;
    }

    /** The choice in words, for the UI. */
    public String text() {
        return text;
    }

    /** How long the link lasts, or null when it never expires. */
    public @Nullable Duration duration() {
        return duration;
    }

    /**
     * The choice with the given label.
     *
     * @throws InvalidInputException when there is none
     */
    public static InviteExpiry ofLabel(String label) {
        return Arrays.stream(values())
                .filter(expiry -> expiry.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("expiresIn must be one of "
                        + Arrays.stream(values()).map(InviteExpiry::label).collect(Collectors.joining(", "))));
    }
}
