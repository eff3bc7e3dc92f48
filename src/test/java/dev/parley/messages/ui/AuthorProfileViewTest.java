package dev.parley.messages.ui;

import static dev.parley.files.TestFiles.png;
import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Fixtures;
import dev.parley.ViewTestSupport;
import dev.parley.accounts.UserSummary;
import dev.parley.files.AvatarService;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An open room follows its people's names and pictures: their messages change without reload (the members sidebar
 * follows them through the room's roster: rooms.ui.MembersPanelTest).
 */
class AuthorProfileViewTest extends ViewTestSupport {

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    AvatarService avatars;

    @Test
    void messages_of_someone_who_changes_name_and_picture_elsewhere_show_the_new_ones_live() {
        UserSummary me = signIn("reader");
        RoomSummary room = rooms.create(me.id(), "Faces " + Fixtures.username("f"), null, false);
        UserSummary xavier = Fixtures.user(accounts, "xavier");
        members.join(xavier.id(), room.slug());
        ChatMessage first = messages.post(xavier.id(), room.id(), "hello");
        ChatMessage mine = messages.post(me.id(), room.id(), "hi Xavier");
        ChatMessage second = messages.post(xavier.id(), room.id(), "how are you?");
        RoomPanel panel = navigate("rooms/" + room.slug(), RoomView.class).panel();
        assertThat(avatarOf(panel, first).tagName()).isEqualTo("span");
        assertThat(avatarOf(panel, first).text()).isEqualTo("XT");

        // Xavier, in a session of his own, renames himself and uploads a picture.
        accounts.changeDisplayName(xavier.id(), "Xavier Renamed");
        UserSummary withPicture = avatars.upload(xavier.id(), "me.png", stream(png(120, 80)));
        String url = "/avatars/" + xavier.id().value() + "?v=1";
        assertThat(withPicture.avatarUrl()).isEqualTo(url);

        awaitUi(() -> url.equals(avatarOf(panel, first).attr("src"))
                && url.equals(avatarOf(panel, second).attr("src")));
        for (ChatMessage his : List.of(first, second)) {
            Element avatar = avatarOf(panel, his);
            assertThat(avatar.tagName()).isEqualTo("img");
            assertThat(avatar.hasClass("avatar")).isTrue();
            assertThat(avatar.attr("alt")).isEmpty();
            assertThat(html(panel, his).selectFirst(".message-author").text()).isEqualTo("Xavier Renamed");
        }
        // Someone else's message is as it was.
        assertThat(avatarOf(panel, mine).tagName()).isEqualTo("span");
        assertThat(html(panel, mine).selectFirst(".message-author").text()).isEqualTo(me.displayName());

        avatars.remove(xavier.id());

        awaitUi(() -> avatarOf(panel, first).tagName().equals("span"));
        assertThat(avatarOf(panel, first).text()).isEqualTo("XR");
    }

    private static Element html(RoomPanel panel, ChatMessage message) {
        return Jsoup.parseBodyFragment(
                        MessageClicks.item(panel, message).getElement().getProperty("innerHTML"))
                .body();
    }

    private static Element avatarOf(RoomPanel panel, ChatMessage message) {
        return html(panel, message).selectFirst(".avatar");
    }
}
