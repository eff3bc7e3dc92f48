package dev.parley.accounts;

/**
 * Who is online, as guest access needs to know it: a guest's name is refused while its guest is online, and a guest who
 * leaves goes offline at once. Presence implements it (it knows the open browser tabs); accounts cannot depend on
 * presence, which depends on accounts.
 */
public interface OnlineUsers {

    boolean isOnline(UserId user);

    /** Takes the user offline at once, whatever tabs of theirs are still open (they are signed out meanwhile). */
    void disconnect(UserId user);
}
