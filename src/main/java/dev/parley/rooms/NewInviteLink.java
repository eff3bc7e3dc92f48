package dev.parley.rooms;

/** A link just made: the only moment its token is known, to be shown to the admin who made it. */
public record NewInviteLink(InviteLinkInfo link, String token) {

    /** The route of the link within Parley, without a leading slash: {@code invite/{token}}. */
    public String path() {
        return "invite/" + token;
    }
}
