package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.reading.ReadPositionRecorder;
import dev.parley.rooms.reading.ReadPositions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything Parley stores survives a restart, in a data folder it creates itself; what was pending at shutdown is
 * written before the database closes.
 */
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(SecurityContextStrategyRestored.class)
class RestartTest {

    @TempDir
    Path temp;

    @Test
    void history_is_all_there_after_a_restart() {
        Path dataDir = temp.resolve("nested/data");
        UserSummary alice;
        RoomSummary room;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            alice = Fixtures.user(first.getBean(AccountService.class), "alice");
            room = first.getBean(RoomService.class).create(alice.id(), "Persistent", null, false);
            MessageService messages = first.getBean(MessageService.class);
            for (int i = 1; i <= 3; i++) {
                messages.post(alice.id(), room.id(), "before restart " + i);
            }
        }
        assertThat(Files.exists(dataDir.resolve("parley.db"))).isTrue();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            List<ChatMessage> history = second.getBean(MessageService.class).latest(alice.id(), room.id(), 50);
            assertThat(history)
                    .extracting(ChatMessage::body)
                    .containsExactly("before restart 1", "before restart 2", "before restart 3");
            ChatMessage next = second.getBean(MessageService.class).post(alice.id(), room.id(), "after restart");
            assertThat(next.seq()).isEqualTo(4);
        }
    }

    @Test
    void read_positions_pending_at_shutdown_are_written_and_a_view_closing_afterwards_writes_nothing(
            CapturedOutput output) {
        Path dataDir = temp.resolve("data");
        UserSummary alice;
        UserSummary bob;
        RoomSummary room;
        ReadPositionRecorder recorder;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            alice = Fixtures.user(first.getBean(AccountService.class), "alice");
            bob = Fixtures.user(first.getBean(AccountService.class), "bob");
            room = first.getBean(RoomService.class).create(alice.id(), "Reading", null, false);
            first.getBean(Memberships.class).join(bob.id(), room.slug());
            MessageService messages = first.getBean(MessageService.class);
            for (int i = 1; i <= 3; i++) {
                messages.post(alice.id(), room.id(), "message " + i);
            }
            recorder = first.getBean(ReadPositionRecorder.class);
            recorder.record(bob.id(), room.id(), 2);
        }
        // Tomcat ends the sessions of open views after the application's beans are gone: their views close then.
        recorder.record(bob.id(), room.id(), 3);
        recorder.flush(bob.id(), room.id());

        assertThat(output).doesNotContain("read positions failed");
        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(second.getBean(ReadPositions.class).readPosition(bob.id(), room.id()))
                    .isEqualTo(2);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Application.class)
                .run("--parley.data-dir=" + dataDir, "--server.port=0", "--server.address=127.0.0.1");
    }
}
