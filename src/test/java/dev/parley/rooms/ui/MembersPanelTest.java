package dev.parley.rooms.ui;

import static dev.parley.files.TestFiles.png;
import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.files.AvatarService;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The members sidebar of a room's page: who is listed and in what order, the rows as the browser gets them, and which
 * rows have a menu for the viewer.
 */
class MembersPanelTest extends RoomPageTestSupport {

    @Autowired
    AvatarService avatars;

    @Test
    void a_large_room_shows_the_first_fifty_members_and_counts_the_rest() {
        UserSummary me = signIn("crowd");
        RoomSummary room = rooms.create(me.id(), "Crowd " + Fixtures.username("c"), null, false);
        List<UserSummary> others = new ArrayList<>();
        for (int i = 0; i < MembersPanel.MAX_SHOWN + 4; i++) {
            UserSummary member = Fixtures.user(accounts, "m" + i);
            memberships.join(member.id(), room.slug());
            others.add(member);
        }
        MembersPanel members = open(room);

        // The owner moderates: an element per row, for the rows' menus.
        assertThat(members.list.getChildren().count()).isEqualTo(MembersPanel.MAX_SHOWN);
        assertThat(members.shownUsernames()).hasSize(MembersPanel.MAX_SHOWN);
        assertThat(members.more.getText()).isEqualTo("and 5 more");
        // The viewer's own tab comes online as the page opens; the one online member is listed first.
        awaitUi(() -> members.title.getText().equals("Members · 55 (1 online)"));
        assertThat(members.shownUsernames().getFirst()).isEqualTo(me.username());
        // Then the offline members by name: the first 49 of them, in order.
        List<String> expected = new ArrayList<>(List.of(me.username()));
        others.stream()
                .sorted(Comparator.comparing(UserSummary::displayName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(UserSummary::username))
                .limit(MembersPanel.MAX_SHOWN - 1)
                .forEach(member -> expected.add(member.username()));
        assertThat(members.shownUsernames()).containsExactlyElementsOf(expected);
    }

    @Test
    void a_member_who_does_not_moderate_gets_the_rows_as_one_element_shared_by_views_showing_the_same() {
        UserSummary owner = Fixtures.user(accounts, "host");
        RoomSummary room = rooms.create(owner.id(), "Plain " + Fixtures.username("p"), null, false);
        List<UserSummary> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserSummary member = Fixtures.user(accounts, "p" + i);
            memberships.join(member.id(), room.slug());
            others.add(member);
        }
        UserSummary me = signIn("plain");
        memberships.join(me.id(), room.slug());
        MembersPanel members = open(room);
        awaitUi(() -> members.title.getText().equals("Members · 5 (1 online)"));

        assertThat(members.list.getChildren()).isEmpty();
        String html = members.list.getElement().getProperty("innerHTML", "");
        assertThat(html).contains("data-username=\"" + me.username() + "\"", "is-online");
        assertThat(members.shownUsernames().getFirst()).isEqualTo(me.username());
        assertThat(members.shownUsernames())
                .hasSize(5)
                .containsAll(others.stream().map(UserSummary::username).toList());
        assertThat(members.menuOf(owner.username())).isNull();
        // Views showing the same rows hold one string between them, not a copy each.
        List<String> rows = List.of("<div class=\"member\">a</div>", "<div class=\"member\">b</div>");
        assertThat(MembersPanel.MemberListHtml.of(new ArrayList<>(rows)))
                .isSameAs(MembersPanel.MemberListHtml.of(rows));
    }

    @Test
    void a_guest_is_marked_as_a_guest_among_the_members() {
        UserSummary owner = Fixtures.user(accounts, "hostess");
        RoomSummary room = rooms.create(owner.id(), "Welcome " + Fixtures.username("w"), null, false);
        UserSummary guest = signInAsGuest("Newcomer");
        memberships.join(guest.id(), room.slug());

        MembersPanel members = open(room);

        assertThat(members.rowHtml(guest.username())).contains("<span class=\"guest-badge\">guest</span>");
    }

    @Test
    void the_row_of_someone_who_changes_name_and_picture_elsewhere_shows_the_new_ones_live() {
        UserSummary me = signIn("reader");
        RoomSummary room = rooms.create(me.id(), "Faces " + Fixtures.username("f"), null, false);
        UserSummary xavier = Fixtures.user(accounts, "xavier");
        memberships.join(xavier.id(), room.slug());
        MembersPanel members = open(room);

        // Xavier, in a session of his own, renames himself and uploads a picture.
        accounts.changeDisplayName(xavier.id(), "Xavier Renamed");
        String url = avatars.upload(xavier.id(), "me.png", stream(png(120, 80))).avatarUrl();

        awaitUi(() -> row(members, xavier)
                .map(row -> row.selectFirst("img.avatar[src=" + url + "]") != null
                        && row.text().contains("Xavier Renamed"))
                .orElse(false));

        avatars.remove(xavier.id());

        awaitUi(() ->
                row(members, xavier).map(row -> row.selectFirst("img") == null).orElse(false));
    }

    @Test
    void a_plain_member_gets_no_menus() {
        UserSummary me = signIn("member");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Plain " + Fixtures.username("p"), null, false);
        memberships.join(me.id(), room.slug());

        MembersPanel members = open(room);

        assertThat(members.menuOf(owner.username())).isNull();
        assertThat(members.menuOf(me.username())).isNull();
    }

    @Test
    void an_admin_may_not_remove_themselves_from_their_menu() {
        UserSummary me = signIn("admin");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = rooms.create(me.id(), "Tidy " + Fixtures.username("t"), null, false);
        memberships.join(bob.id(), room.slug());

        MembersPanel members = open(room);

        assertThat(labels(menu(members, bob)))
                .containsExactly("Make admin", "Make moderator", "Mute…", "Remove from room", "Ban…");
        // One leaves instead.
        assertThat(labels(members.menuOf(me.username()))).containsExactly("Make moderator", "Make member");
    }

    @Test
    void a_moderator_may_remove_members_but_gets_no_menu_on_admins() {
        UserSummary me = signIn("mod");
        UserSummary owner = Fixtures.user(accounts, "owner");
        UserSummary bob = Fixtures.user(accounts, "bob");
        RoomSummary room = moderatedRoom(owner, me, bob);

        MembersPanel members = open(room);

        assertThat(members.menuOf(owner.username())).isNull();
        assertThat(labels(members.menuOf(bob.username()))).containsExactly("Mute…", "Remove from room", "Ban…");
    }

    @Test
    void a_member_made_admin_elsewhere_gets_the_menus_at_once() {
        UserSummary me = signIn("rising");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Rise " + Fixtures.username("r"), null, false);
        memberships.join(me.id(), room.slug());
        MembersPanel members = open(room);
        assertThat(members.menuOf(owner.username())).isNull();

        memberships.changeRole(owner.id(), room.slug(), me.username(), RoomRole.ADMIN);

        awaitUi(() -> members.menuOf(owner.username()) != null);
    }

    /** The member's row as the browser gets it, once it is shown. */
    private static Optional<Element> row(MembersPanel members, UserSummary user) {
        String row = members.rowHtml(user.username());
        return row.isEmpty()
                ? Optional.empty()
                : Optional.of(Jsoup.parseBodyFragment(row).body());
    }
}
