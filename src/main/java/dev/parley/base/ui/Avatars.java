package dev.parley.base.ui;

import com.vaadin.flow.component.avatar.Avatar;

/** The avatar Parley shows for a person: their initials on a colour that stays the same for them everywhere. */
public final class Avatars {

    /** Lumo has seven avatar colours. */
    private static final int COLOURS = 7;

    private Avatars() {}

    public static Avatar of(String displayName, String initials, long userId) {
        Avatar avatar = new Avatar(displayName);
        avatar.setAbbreviation(initials);
        avatar.setColorIndex((int) Math.floorMod(userId, (long) COLOURS));
        return avatar;
    }
}
