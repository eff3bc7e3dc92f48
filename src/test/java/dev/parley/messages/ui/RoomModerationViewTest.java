package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomService.RoomChanges;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The room view under settings and moderation: the header and composer follow the room's settings, the muted composer,
 * the archived notice, and views that leave a room made private or a ban. (The settings dialog and the members' menus:
 * rooms.ui's RoomSettingsDialogTest and MemberActionsTest.)
 */
class RoomModerationViewTest extends RoomViewTestSupport {

    @Autowired
    ModerationService moderation;

    @Test
    void a_room_renamed_and_archived_in_its_settings_changes_the_header_and_the_composer_at_once() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Design " + Fixtures.username("d"), null, false);
        RoomPanel panel = open(room);
        assertThat(shown(panel.header.settingsButton)).isTrue();

        rooms.updateSettings(
                me.id(), room.slug(), new RoomChanges("Product design", "Where the product takes shape", null, null));

        awaitUi(() -> panel.header.title.getText().equals("#Product design"));
        assertThat(panel.header.description.getText()).isEqualTo("Where the product takes shape");

        rooms.updateSettings(me.id(), room.slug(), new RoomChanges(null, null, null, true));

        awaitUi(() -> shown(panel.archivedNotice));
        assertThat(panel.composer.isVisible()).isFalse();
        assertThat(shown(panel.header.archivedBadge)).isTrue();
    }

    @Test
    void a_muted_members_composer_says_until_when_and_works_again_when_unmuted() {
        UserSummary me = signIn("bob");
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Loud " + Fixtures.username("l"), null, false);
        members.join(me.id(), room.slug());
        RoomPanel panel = open(room);
        assertThat(shown(panel.composer.mutedNotice)).isFalse();

        Instant until = moderation.mute(admin.id(), room.slug(), me.username(), Duration.ofMinutes(15), "calm");

        awaitUi(() -> shown(panel.composer.mutedNotice));
        assertThat(panel.composer.mutedNotice.getText())
                .startsWith("You are muted until ")
                .endsWith(".");
        assertThat(panel.composer.mutedNotice.getText())
                .contains(until.atZone(java.time.ZoneOffset.UTC)
                        .toLocalTime()
                        .withSecond(0)
                        .withNano(0)
                        .toString());
        assertThat(panel.composer.input.isEnabled()).isFalse();
        assertThat(panel.composer.send.isEnabled()).isFalse();
        assertThat(panel.stream.messageList.hasClassName("can-react")).isFalse();

        moderation.unmute(admin.id(), room.slug(), me.username());

        awaitUi(() -> !shown(panel.composer.mutedNotice));
        assertThat(panel.composer.input.isEnabled()).isTrue();
        panel.composer.input.setValue("I am back");
        panel.composer.send();
        assertThat(messages.latest(me.id(), room.id(), 1).getFirst().body()).isEqualTo("I am back");
    }

    @Test
    void a_banned_members_view_leaves_with_a_notice_and_joining_again_says_why_not() {
        UserSummary me = signIn("banned");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Strict " + Fixtures.username("s"), null, false);
        members.join(me.id(), room.slug());
        open(room);

        moderation.ban(owner.id(), room.slug(), me.username(), null);

        awaitUi(() -> getCurrentView() instanceof LobbyView);
        assertThat(notifications()).contains(owner.displayName() + " banned you from #" + room.name() + ".");
        // Still a public room to read, but Join answers why not.
        RoomPanel panel = open(room);
        test(panel.header.joinButton).click();
        assertThat(notifications()).contains("You are banned from #" + room.name());
        assertThat(rooms.open(me.id(), room.slug()).member()).isFalse();
    }

    @Test
    void an_archived_room_shows_the_notice_instead_of_the_composer_and_its_messages_stay() {
        UserSummary me = signIn("reader");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Old " + Fixtures.username("o"), null, false);
        members.join(me.id(), room.slug());
        messages.post(owner.id(), room.id(), "the last word");
        rooms.updateSettings(owner.id(), room.slug(), new RoomChanges(null, null, null, true));

        RoomPanel panel = open(room);

        assertThat(shown(panel.archivedNotice)).isTrue();
        assertThat(panel.archivedNotice.getText()).startsWith("This room is archived.");
        assertThat(panel.composer.isVisible()).isFalse();
        assertThat(shown(panel.joinPrompt)).isFalse();
        assertThat(shown(panel.header.settingsButton)).isFalse();
        assertThat(panel.stream.messageList.hasClassName("archived")).isTrue();
        assertThat(panel.stream
                        .messageList
                        .items
                        .getChildren()
                        .filter(MessageItem.class::isInstance)
                        .map(item -> ((MessageItem) item).message().body()))
                .containsExactly("the last word");
    }

    @Test
    void a_reader_of_a_room_made_private_is_sent_to_the_lobby_at_once() {
        UserSummary me = signIn("reader");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Open " + Fixtures.username("o"), null, false);
        open(room);

        rooms.updateSettings(owner.id(), room.slug(), new RoomChanges(null, null, true, null));

        awaitUi(() -> getCurrentView() instanceof LobbyView);
        assertThat(notifications()).contains("#" + room.name() + " is now private.");
    }
}
