package dev.parley.rooms.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the members' menus do: remove after confirming, give a role, mute and ban; the services have the last word. */
class MemberActionsTest extends RoomPageTestSupport {

    @Autowired
    ModerationService moderation;

    @Autowired
    RoomGuard guard;

    @Test
    void an_admin_removes_a_member_from_the_members_menu_after_confirming() {
        UserSummary me = signIn("admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(me.id(), "Tidy " + Fixtures.username("t"), null, false);
        memberships.join(bob.id(), room.slug());
        MembersPanel members = open(room);

        test(menu(members, bob)).clickItem("Remove from room");
        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Remove " + bob.displayName() + "?");
        test(confirm).confirm();

        assertThat(memberships.members(me.id(), room.id()))
                .extracting(m -> m.user().id())
                .containsExactly(me.id());
        awaitUi(() -> !members.shownUsernames().contains(bob.username()));
    }

    @Test
    void an_admin_makes_a_member_moderator_and_the_row_shows_it() {
        UserSummary me = signIn("admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(me.id(), "Roles " + Fixtures.username("r"), null, false);
        memberships.join(bob.id(), room.slug());
        MembersPanel members = open(room);

        test(menu(members, bob)).clickItem("Make moderator");

        assertThat(rooms.open(bob.id(), room.slug()).role()).isEqualTo(RoomRole.MODERATOR);
        awaitUi(() -> members.rowHtml(bob.username()).contains("moderator"));
        awaitUi(() -> labels(members.menuOf(bob.username())).contains("Make member"));
    }

    @Test
    void the_last_admin_stepping_down_is_told_to_make_someone_else_admin_first() {
        UserSummary me = signIn("admin");
        RoomSummary room = rooms.create(me.id(), "Alone " + Fixtures.username("a"), null, false);
        MembersPanel members = open(room);

        test(menu(members, me)).clickItem("Make member");

        assertThat(notifications()).contains(Memberships.LAST_ADMIN);
        assertThat(rooms.open(me.id(), room.slug()).role()).isEqualTo(RoomRole.ADMIN);
    }

    @Test
    void a_moderator_mutes_and_bans_from_the_members_menu() {
        UserSummary me = signIn("mod");
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = moderatedRoom(owner, me, bob);
        MembersPanel members = open(room);

        test(menu(members, bob)).clickItem("Mute…");
        MuteDialog mute = $(MuteDialog.class).single();
        mute.duration.setValue(Duration.ofDays(1));
        test(mute.reason).setValue("flooding");
        test(mute.confirm).click();

        assertThat(guard.mutedUntil(bob.id(), room.id())).isNotNull();
        awaitUi(() -> labels(members.menuOf(bob.username())).contains("Unmute"));

        test(menu(members, bob)).clickItem("Ban…");
        BanDialog ban = $(BanDialog.class).single();
        test(ban.reason).setValue("spam");
        test(ban.confirm).click();

        assertThat(moderation.bans(me.id(), room.slug())).singleElement().satisfies(b -> assertThat(b.reason())
                .isEqualTo("spam"));
        awaitUi(() -> members.menuOf(bob.username()) == null);
    }
}
