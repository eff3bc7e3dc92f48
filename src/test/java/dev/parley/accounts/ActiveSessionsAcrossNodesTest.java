package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.realtime.LocalBroadcaster;
import dev.parley.realtime.TopicEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Signing out reaches the sessions a user has on the other nodes of a cluster: two nodes' sessions share a broadcaster
 * (as the cluster's does through Redis), and their events reach it as after a commit.
 */
class ActiveSessionsAcrossNodesTest {

    private final LocalBroadcaster cluster = new LocalBroadcaster();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Queue<Object> sessionsEnded = new ConcurrentLinkedQueue<>();
    private final ApplicationEventPublisher events = event -> {
        if (event instanceof SessionsEnded ended) {
            sessionsEnded.add(ended);
        }
        if (event instanceof TopicEvent shared) {
            cluster.publish(shared.topics(), event);
        }
    };
    private final ActiveSessions node1 = node("node-1");
    private final ActiveSessions node2 = node("node-2");
    private final UserId ada = new UserId(1);

    ActiveSessionsAcrossNodesTest() {
        scheduler.initialize();
    }

    @AfterEach
    void stop() {
        node1.stop();
        node2.stop();
        scheduler.shutdown();
        cluster.destroy();
    }

    @Test
    void signing_out_other_browsers_on_one_node_signs_out_those_on_the_other() {
        MockHttpSession here = new MockHttpSession();
        MockHttpSession elsewhere = new MockHttpSession();
        node1.record(ada, here, "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0");
        node2.record(ada, elsewhere, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");

        node1.signOutOthers(ada, here.getId());

        await().atMost(Duration.ofSeconds(5)).until(() -> node2.of(ada, null).isEmpty());
        assertThat(node2.isEnding(elsewhere.getId())).isTrue();
        assertThat(sessionsEnded).contains(new SessionsEnded(ada, java.util.Set.of(elsewhere.getId())));
        await().atMost(Duration.ofSeconds(5)).until(elsewhere::isInvalid);
        assertThat(node1.of(ada, here.getId())).hasSize(1);
        assertThat(here.isInvalid()).isFalse();
    }

    @Test
    void one_browser_signed_out_by_its_key_is_found_on_whichever_node_it_is() {
        MockHttpSession elsewhere = new MockHttpSession();
        node2.record(ada, elsewhere, null);
        String key = node2.of(ada, null).getFirst().key();

        node1.signOut(ada, key);

        await().atMost(Duration.ofSeconds(5)).until(elsewhere::isInvalid);
    }

    private ActiveSessions node(String name) {
        ActiveSessions sessions = new ActiveSessions(events, scheduler, Clock.systemUTC(), cluster, null, null, name);
        sessions.followOtherNodes();
        return sessions;
    }
}
