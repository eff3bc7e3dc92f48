package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.tabs.Tab;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A room's settings and moderation dialog, opened from the room's header: rename, archive, delete with the name typed,
 * the moderation log and the banned list.
 */
class RoomSettingsDialogTest extends RoomPageTestSupport {

    @Autowired
    ModerationService moderation;

    @Test
    void an_admin_renames_and_archives_the_room_and_reads_it_in_the_log() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Design " + Fixtures.username("d"), null, false);
        open(room);

        test(headerButton("settings-button")).click();
        RoomSettingsDialog dialog = $(RoomSettingsDialog.class).single();
        assertThat(tabLabels(dialog)).containsExactly("Settings", "Banned", "Moderation log");
        test(dialog.name).setValue("  ");
        test(dialog.save).click();
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo("Room name must be 1 to 64 characters");

        test(dialog.name).setValue("Product design");
        test(dialog.description).setValue("Where the product takes shape");
        test(dialog.save).click();

        RoomSummary renamed = rooms.open(me.id(), room.slug());
        assertThat(renamed.name()).isEqualTo("Product design");
        assertThat(renamed.description()).isEqualTo("Where the product takes shape");
        assertThat(dialog.log.getElement().getTextRecursively())
                .contains(me.displayName() + " renamed the room: " + room.name() + " → Product design");

        test(dialog.archive).click();

        assertThat(rooms.open(me.id(), room.slug()).archived()).isTrue();
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
        open(room);
        test(headerButton("settings-button")).click();
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
    void moderators_see_the_banned_list_but_neither_the_settings_nor_the_log_and_unban_there() {
        UserSummary me = signIn("mod");
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = moderatedRoom(owner, me, bob);
        moderation.ban(me.id(), room.slug(), bob.username(), "spam");
        open(room);

        test(headerButton("settings-button")).click();
        RoomSettingsDialog dialog = $(RoomSettingsDialog.class).single();
        assertThat(tabLabels(dialog)).containsExactly("Banned");
        assertThat(dialog.bans.getElement().getTextRecursively()).contains(bob.displayName(), "spam");
        test(firstRowButton(dialog.bans)).click();
        assertThat(moderation.bans(me.id(), room.slug())).isEmpty();
        assertThat(dialog.bans.getElement().getTextRecursively()).isEqualTo("Nobody is banned from this room.");
    }

    private static List<String> tabLabels(RoomSettingsDialog dialog) {
        return IntStream.range(0, dialog.tabs.getTabCount())
                .mapToObj(i -> dialog.tabs.getTabAt(i))
                .map(Tab::getLabel)
                .toList();
    }
}
