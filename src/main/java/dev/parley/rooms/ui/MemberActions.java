package dev.parley.rooms.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.RoomAccess;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a room's admins and moderators do on its page: invite people and open the room's settings (from the room
 * header), and remove, mute, ban or give a role to a member (from the members sidebar's menus). The services check
 * every action again; a refusal is shown in the dialog, or as a notification.
 */
public final class MemberActions {

    private final Supplier<RoomSummary> room;
    private final UserId actor;
    private final RoomService rooms;
    private final Memberships members;
    private final ModerationService moderation;
    private final InviteService invites;
    private final AccountService accounts;

    /**
     * @param room the room as the page shows it now: its name, its privacy and the viewer's role change while the page
     *     is open
     */
    public MemberActions(
            Supplier<RoomSummary> room,
            UserId actor,
            RoomService rooms,
            Memberships members,
            ModerationService moderation,
            InviteService invites,
            AccountService accounts) {
        this.room = room;
        this.actor = actor;
        this.rooms = rooms;
        this.members = members;
        this.moderation = moderation;
        this.invites = invites;
        this.accounts = accounts;
    }

    public void invite() {
        new InviteDialog(room.get(), actor, invites, accounts).open();
    }

    public void openSettings() {
        new RoomSettingsDialog(room.get(), actor, rooms, moderation).open();
    }

    /** The members muted now, for a viewer who moderates the room; nobody for others, who never see who is muted. */
    Set<UserId> mutedNow() {
        RoomSummary shown = room.get();
        if (!RoomAccess.canModerate(shown.role()) || shown.direct()) {
            return Set.of();
        }
        return moderation.mutes(actor, shown.id()).stream()
                .map(m -> m.user().id())
                .collect(Collectors.toSet());
    }

    void remove(UserSummary member) {
        RoomSummary shown = room.get();
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.addClassName("remove-member-dialog");
        confirm.setHeader("Remove " + member.displayName() + "?");
        confirm.setText(member.displayName() + " leaves #" + shown.name() + " at once. "
                + (shown.isPrivate() ? "They can come back only if invited again." : "They can join again."));
        confirm.setCancelable(true);
        confirm.setConfirmText("Remove");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                members.removeMember(actor, shown.slug(), member.username());
            } catch (ParleyException ex) {
                Notification.show(ex.getMessage());
            }
        });
        confirm.open();
    }

    void changeRole(UserSummary member, RoomRole role) {
        try {
            members.changeRole(actor, room.get().slug(), member.username(), role);
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    /*
     * Mute and ban name the room "#name": a direct conversation has no admins or moderators, so their menus never
     * offer either there.
     */
    void mute(UserSummary member) {
        RoomSummary shown = room.get();
        new MuteDialog(member, "#" + shown.name(), (duration, reason) -> {
                    Instant until = moderation.mute(actor, shown.slug(), member.username(), duration, reason);
                    Notification.show(member.displayName() + " is muted until "
                            + TimeFormat.upcoming(until, Instant.now(), TimeFormat.zoneOf(UI.getCurrent())) + ".");
                })
                .open();
    }

    void unmute(UserSummary member) {
        try {
            moderation.unmute(actor, room.get().slug(), member.username());
            Notification.show(member.displayName() + " can post again.");
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    void ban(UserSummary member) {
        RoomSummary shown = room.get();
        new BanDialog(
                        member,
                        "#" + shown.name(),
                        reason -> moderation.ban(actor, shown.slug(), member.username(), reason))
                .open();
    }
}
