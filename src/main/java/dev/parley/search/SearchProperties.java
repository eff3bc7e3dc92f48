package dev.parley.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param catchUpInterval how often the search index is checked against the database, and whatever it lacks is indexed
 *     again (also at start-up, and a second after a failed index write). A change the index lost without a failure
 *     being reported is found again within two intervals: one interval is left for the index to commit it first.
 * @param catchUpBatch how many changed messages are read, checked and indexed again at a time
 */
@ConfigurationProperties("parley.search")
public record SearchProperties(
        @DefaultValue("10s") Duration catchUpInterval,
        @DefaultValue("500") int catchUpBatch) {}
