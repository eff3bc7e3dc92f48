package dev.parley.rooms;

/** What a moderation log entry records. The label is how the log shows it. */
public enum ModerationAction {
    REMOVE("removed"),
    BAN("banned"),
    UNBAN("unbanned"),
    MUTE("muted"),
    UNMUTE("unmuted"),
    ROLE_CHANGE("changed the role of"),
    RENAME("renamed the room"),
    DESCRIPTION("changed the description"),
    VISIBILITY("changed who can see the room"),
    ARCHIVE("archived the room"),
    UNARCHIVE("unarchived the room");

    private final String label;

    ModerationAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
