package dev.parley.files;

import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.SqliteTest;
import dev.parley.TcpProxy;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.base.UnavailableException;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * A bucket that goes out of reach after the start (its server down, the network cut: here a proxy in front of S3Mock
 * that drops every connection): uploads and reads say so in words, and the API answers 503, instead of a server error;
 * whoever may not read a file still gets the 404 of a missing one; everything works again once it is back.
 */
@SqliteTest
@ContextConfiguration(initializers = BucketOutageTest.ThroughProxy.class)
class BucketOutageTest {

    /** Between Parley and S3Mock; made with the context, closed with it. */
    static TcpProxy proxy;

    @Autowired
    FileService files;

    @Autowired
    AvatarService avatars;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    AccountService accounts;

    @Test
    void while_the_bucket_is_out_of_reach_files_and_pictures_say_so_and_work_again_once_it_is_back()
            throws IOException {
        UserSummary alice = Fixtures.user(accounts, "alice");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary room = rooms.create(alice.id(), "Outage " + Fixtures.username("o"), null, true);
        Attachment sent = files.upload(alice.id(), room.id(), "plan.pdf", stream(TestFiles.pdf()));
        messages.post(alice.id(), room.id(), "the plan", List.of(sent.id()));
        avatars.upload(alice.id(), "me.png", stream(TestFiles.png(100, 100)));

        proxy.cut();
        try {
            assertThatThrownBy(() -> files.upload(alice.id(), room.id(), "notes.txt", stream(TestFiles.text("x"))))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("Files cannot be stored right now: notes.txt was not stored. Try again in a minute");
            assertThatThrownBy(() -> files.open(alice.id(), sent.id(), false))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("Files cannot be read right now; try again in a minute");
            // Whoever may not read it gets the answer for a missing file, as ever: the bucket is not even asked.
            assertThatThrownBy(() -> files.open(outsider.id(), sent.id(), false))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("No such file");
            assertThatThrownBy(() -> avatars.upload(alice.id(), "new.png", stream(TestFiles.png(100, 100))))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("Pictures cannot be stored right now: new.png was not stored. Try again in a minute");
            assertThatThrownBy(() -> avatars.open(alice.id()))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessage("Pictures cannot be read right now; try again in a minute");
        } finally {
            proxy.restore();
        }

        try (InputStream in = files.open(alice.id(), sent.id(), false).content().getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(TestFiles.pdf());
        }
        assertThat(files.upload(alice.id(), room.id(), "notes.txt", stream(TestFiles.text("x")))
                        .size())
                .isEqualTo(1);
        // The refused picture changed nothing.
        assertThat(avatars.open(alice.id()).version()).isEqualTo(1);
        assertThat(accounts.summary(alice.id()).avatarVersion()).isEqualTo(1);
    }

    /** Files in a bucket of their own, reached through {@link #proxy}. */
    static class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            S3TestServer server = S3TestServer.get();
            String bucket = server.createBucket();
            proxy = TcpProxy.closedWith(context, "127.0.0.1", server.endpoint().getPort());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "parleyTestBucketThroughProxy",
                            Map.copyOf(S3TestServer.settings(URI.create("http://127.0.0.1:" + proxy.port()), bucket))));
        }
    }
}
