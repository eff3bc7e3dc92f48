package dev.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The write-ahead log is checkpointed by the background checkpointer, not by the commits of the writer. */
@SqliteTest
class SqliteCheckpointerTest {

    @Autowired
    SqliteCheckpointer checkpointer;

    @Autowired
    DataSource dataSource;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

    @Test
    void the_writer_leaves_checkpoints_to_the_checkpointer() {
        Integer pages = new JdbcTemplate(dataSource).queryForObject("PRAGMA wal_autocheckpoint", Integer.class);

        assertThat(pages).isEqualTo(SqliteDataSourceConfiguration.WRITER_AUTOCHECKPOINT_PAGES);
    }

    @Test
    void a_checkpoint_copies_every_committed_frame_into_the_database_file() throws Exception {
        UserSummary alice = Fixtures.user(accounts, "alice");
        RoomSummary room = rooms.create(alice.id(), "Log " + Fixtures.username("r"), null, false);
        for (int i = 0; i < 20; i++) {
            messages.post(alice.id(), room.id(), "entry " + i);
        }

        SqliteCheckpointer.Result result = checkpointer.checkpoint();

        assertThat(result.busy()).isFalse();
        assertThat(result.checkpointedFrames()).isEqualTo(result.logFrames());
    }
}
