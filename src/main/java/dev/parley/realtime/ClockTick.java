package dev.parley.realtime;

import java.time.Instant;

/** Published once a minute on {@value #TOPIC}, so that views can refresh relative times without polling. */
public record ClockTick(Instant now) {

    public static final String TOPIC = "clock";
}
