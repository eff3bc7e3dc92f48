package dev.parley.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How Parley shows a moment: relative while it is recent ("just now", "5 min ago", "3 h ago"), the full date and time
 * in the browser's time zone after a day, and always the full form on hover.
 */
public final class TimeFormat {

    /** After this, a moment is shown with its full date and time instead of relatively. */
    public static final Duration RECENT = Duration.ofHours(24);

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private TimeFormat() {}

    public static String relative(Instant moment, Instant now, ZoneId zone) {
        Duration age = Duration.between(moment, now);
        if (age.compareTo(RECENT) >= 0) {
            return full(moment, zone);
        }
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        return age.toHours() + " h ago";
    }

    /** A moment to come, such as the end of a mute: "14:05" when it is today, the full date and time otherwise. */
    public static String upcoming(Instant moment, Instant now, ZoneId zone) {
        if (moment.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate())) {
            return CLOCK.format(moment.atZone(zone));
        }
        return full(moment, zone);
    }

    public static String full(Instant moment, ZoneId zone) {
        return FULL.format(moment.atZone(zone));
    }

    /** The browser's time zone when Vaadin knows it, UTC otherwise. */
    public static ZoneId zoneOf(@Nullable UI ui) {
        if (ui == null) {
            return ZoneOffset.UTC;
        }
        ExtendedClientDetails details = ui.getPage().getExtendedClientDetails();
        if (details == null
                || details.getTimeZoneId() == null
                || details.getTimeZoneId().isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(details.getTimeZoneId());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
