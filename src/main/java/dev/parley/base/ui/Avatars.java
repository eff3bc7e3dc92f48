package dev.parley.base.ui;

import com.vaadin.flow.component.avatar.Avatar;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * The avatar Parley shows for a person: their picture, or their initials on a colour that stays the same for them
 * everywhere; as a component, or as HTML for the rows that views share as HTML (messages, members).
 */
public final class Avatars {

    /** Lumo has seven avatar colours. */
    private static final int COLOURS = 7;

    private Avatars() {}

    /** @param imageUrl the person's picture, or null to show the initials */
    public static Avatar of(String displayName, String initials, long userId, @Nullable String imageUrl) {
        Avatar avatar = new Avatar();
        avatar.setColorIndex((int) Math.floorMod(userId, (long) COLOURS));
        show(avatar, displayName, initials, imageUrl);
        return avatar;
    }

    /** Shows a person's new name or picture in an avatar made by {@link #of}. */
    public static void show(Avatar avatar, String displayName, String initials, @Nullable String imageUrl) {
        avatar.setName(displayName);
        avatar.setAbbreviation(initials);
        avatar.setImage(imageUrl);
    }

    /**
     * A person's picture, or their initials in a circle of their colour when they have none. The picture is decorative
     * ({@code alt=""}): the name is next to it.
     */
    public static void appendHtml(Element parent, long userId, String initials, @Nullable String imageUrl) {
        if (imageUrl != null) {
            parent.appendElement("img")
                    .addClass("avatar")
                    .attr("src", imageUrl)
                    .attr("alt", "")
                    .attr("loading", "lazy");
            return;
        }
        parent.appendElement("span")
                .addClass("avatar")
                .addClass("avatar-" + Math.floorMod(userId, (long) COLOURS))
                .attr("aria-hidden", "true")
                .text(initials);
    }
}
