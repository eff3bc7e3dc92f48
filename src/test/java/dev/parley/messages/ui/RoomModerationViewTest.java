package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.tabs.Tab;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService.RoomChanges;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.ui.LobbyView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The room view's settings and moderation: the settings dialog (rename, archive, delete with the name typed, the
 * moderation log and the banned list), the muted composer, the archived notice, and views that leave a room made
 * private or deleted.
 */
class RoomModerationViewTest extends RoomViewTestSupport {

    @Autowired
    ModerationService moderation;

    @Autowired
    RoomGuard guard;

    @Test
    void an_admin_renames_the_room_in_the_settings_dialog_and_reads_it_in_the_log() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Design " + Fixtures.username("d"), null, false);
        RoomPanel panel = open(room);
        assertThat(shown(panel.settingsButton)).isTrue();

        test(panel.settingsButton).click();
        RoomSettingsDialog dialog = $(RoomSettingsDialog.class).single();
        assertThat(tabLabels(dialog)).containsExactly("Settings", "Banned", "Moderation log");
        test(dialog.name).setValue("  ");
        test(dialog.save).click();
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo("Room name must be 1 to 64 characters");

        test(dialog.name).setValue("Product design");
        test(dialog.description).setValue("Where the product takes shape");
        test(dialog.save).click();

        assertThat(rooms.open(me.id(), room.slug()).name()).isEqualTo("Product design");
        awaitUi(() -> panel.title.getText().equals("#Product design"));
        assertThat(panel.description.getText()).isEqualTo("Where the product takes shape");
        assertThat(dialog.log.getElement().getTextRecursively())
                .contains(me.displayName() + " renamed the room: " + room.name() + " → Product design");

        test(dialog.archive).click();

        awaitUi(() -> shown(panel.archivedNotice));
        assertThat(panel.composer.isVisible()).isFalse();
        assertThat(shown(panel.archivedBadge)).isTrue();
        assertThat(dialog.archive.getText()).isEqualTo("Unarchive room");
        assertThat(dialog.log
                        .getChildren()
                        .findFirst()
                        .orElseThrow()
                        .getElement()
                        .getAttribute("data-action"))
                .isEqualTo("archive");
    }

    @Test
    void deleting_asks_for_the_rooms_name_and_sends_every_open_view_to_the_lobby() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Doomed " + Fixtures.username("d"), null, false);
        RoomPanel panel = open(room);
        test(panel.settingsButton).click();
        RoomSettingsDialog settings = $(RoomSettingsDialog.class).single();

        test(settings.delete).click();
        DeleteRoomDialog confirm = $(DeleteRoomDialog.class).single();
        assertThat(confirm.confirm.isEnabled()).isFalse();
        test(confirm.confirmation).setValue("doomed");
        assertThat(confirm.confirm.isEnabled()).isFalse();
        test(confirm.confirmation).setValue(room.name());
        test(confirm.confirm).click();

        awaitUi(() -> getCurrentView() instanceof LobbyView);
        assertThat(notifications()).contains(me.displayName() + " deleted #" + room.name() + ".");
        assertThat(rooms.visibleRooms(me.id())).extracting(RoomSummary::slug).doesNotContain(room.slug());
    }

    @Test
    void a_muted_members_composer_says_until_when_and_works_again_when_unmuted() {
        UserSummary me = signIn("bob");
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Loud " + Fixtures.username("l"), null, false);
        members.join(me.id(), room.slug());
        RoomPanel panel = open(room);
        assertThat(shown(panel.mutedNotice)).isFalse();

        Instant until = moderation.mute(admin.id(), room.slug(), me.username(), Duration.ofMinutes(15), "calm");

        awaitUi(() -> shown(panel.mutedNotice));
        assertThat(panel.mutedNotice.getText())
                .startsWith("You are muted until ")
                .endsWith(".");
        assertThat(panel.mutedNotice.getText())
                .contains(until.atZone(java.time.ZoneOffset.UTC)
                        .toLocalTime()
                        .withSecond(0)
                        .withNano(0)
                        .toString());
        assertThat(panel.input.isEnabled()).isFalse();
        assertThat(panel.send.isEnabled()).isFalse();
        assertThat(panel.messageList.hasClassName("can-react")).isFalse();

        moderation.unmute(admin.id(), room.slug(), me.username());

        awaitUi(() -> !shown(panel.mutedNotice));
        assertThat(panel.input.isEnabled()).isTrue();
        panel.input.setValue("I am back");
        panel.send();
        assertThat(messages.latest(me.id(), room.id(), 1).getFirst().body()).isEqualTo("I am back");
    }

    @Test
    void a_moderator_mutes_and_bans_from_the_members_menu_and_unbans_in_the_dialog() {
        UserSummary me = signIn("mod");
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(owner.id(), "Modded " + Fixtures.username("m"), null, false);
        members.join(me.id(), room.slug());
        members.join(bob.id(), room.slug());
        members.changeRole(owner.id(), room.slug(), me.username(), RoomRole.MODERATOR);
        RoomPanel panel = open(room);

        test(menu(panel, bob)).clickItem("Mute…");
        MuteDialog mute = $(MuteDialog.class).single();
        mute.duration.setValue(Duration.ofDays(1));
        test(mute.reason).setValue("flooding");
        test(mute.confirm).click();

        assertThat(guard.mutedUntil(bob.id(), room.id())).isNotNull();
        awaitUi(() -> labels(panel.members.menuOf(bob.username())).contains("Unmute"));

        test(menu(panel, bob)).clickItem("Ban…");
        BanDialog ban = $(BanDialog.class).single();
        test(ban.reason).setValue("spam");
        test(ban.confirm).click();

        assertThat(moderation.bans(me.id(), room.slug())).singleElement().satisfies(b -> assertThat(b.reason())
                .isEqualTo("spam"));
        awaitUi(() -> panel.members.menuOf(bob.username()) == null);

        // Moderators see the banned list but neither the settings nor the log.
        test(panel.settingsButton).click();
        RoomSettingsDialog dialog = $(RoomSettingsDialog.class).single();
        assertThat(tabLabels(dialog)).containsExactly("Banned");
        assertThat(dialog.bans.getElement().getTextRecursively()).contains(bob.displayName(), "spam");
        test(firstRowButton(dialog.bans)).click();
        assertThat(moderation.bans(me.id(), room.slug())).isEmpty();
        assertThat(dialog.bans.getElement().getTextRecursively()).isEqualTo("Nobody is banned from this room.");
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
        test(panel.joinButton).click();
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
        assertThat(shown(panel.settingsButton)).isFalse();
        assertThat(panel.messageList.hasClassName("archived")).isTrue();
        assertThat(panel.messageList
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

    private ContextMenu menu(RoomPanel panel, UserSummary member) {
        ContextMenu menu = panel.members.menuOf(member.username());
        assertThat(menu).as("menu of " + member.username()).isNotNull();
        if (menu.isOpened()) {
            menu.close();
        }
        test(menu).open();
        return menu;
    }

    private static List<String> labels(ContextMenu menu) {
        return menu == null
                ? List.of()
                : menu.getItems().stream().map(MenuItem::getText).toList();
    }

    private static List<String> tabLabels(RoomSettingsDialog dialog) {
        return java.util.stream.IntStream.range(0, dialog.tabs.getTabCount())
                .mapToObj(i -> dialog.tabs.getTabAt(i))
                .map(Tab::getLabel)
                .toList();
    }

    private List<String> notifications() {
        return $(Notification.class).all().stream()
                .map(n ->
                        n.getElement().getProperty("text", "") + n.getElement().getTextRecursively())
                .toList();
    }
}
