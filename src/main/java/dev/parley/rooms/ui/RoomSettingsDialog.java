package dev.parley.rooms.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.parley.accounts.UserId;
import dev.parley.base.InvalidInputException;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.rooms.BannedUser;
import dev.parley.rooms.ModerationEntry;
import dev.parley.rooms.ModerationService;
import dev.parley.rooms.Room;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomService.RoomChanges;
import dev.parley.rooms.RoomSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A room's settings and moderation, from the room header. Admins change the name (the address stays), the description
 * and who can see the room, archive it and delete it (after typing its name), and read the moderation log; admins and
 * moderators see the banned users and unban them. The service checks every action again. Whatever is refused keeps what
 * was typed, with the reason next to it.
 */
class RoomSettingsDialog extends Dialog {

    /** How many log entries one page shows. */
    static final int LOG_PAGE = 50;

    final TabSheet tabs = new TabSheet();
    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final Checkbox isPrivate = new Checkbox("Private: only members can see and find it");
    final Button save = new Button("Save");
    final Button archive = new Button();
    final Button delete = new Button("Delete room…");
    final Div bans = new Div();
    final Div log = new Div();
    final Button olderLog = new Button("Show older");

    private final UserId actor;
    private final RoomService rooms;
    private final ModerationService moderation;
    private final ZoneId zone;
    private RoomSummary room;
    private long oldestLogEntry = Long.MAX_VALUE;

    RoomSettingsDialog(RoomSummary room, UserId actor, RoomService rooms, ModerationService moderation) {
        this.room = room;
        this.actor = actor;
        this.rooms = rooms;
        this.moderation = moderation;
        this.zone = TimeFormat.zoneOf(UI.getCurrent());
        addClassName("room-settings-dialog");
        setHeaderTitle("#" + room.name());
        setWidth("min(40rem, 100vw)");
        boolean admin = room.role() == RoomRole.ADMIN;
        if (admin) {
            tabs.add("Settings", settingsTab());
        }
        bans.addClassName("room-bans");
        tabs.add("Banned", bans);
        if (admin) {
            log.addClassName("moderation-log");
            olderLog.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            olderLog.addClickListener(click -> loadLog());
            tabs.add("Moderation log", new Div(log, olderLog));
            loadLog();
        }
        add(tabs);
        getFooter().add(new Button("Close", click -> close()));
        showBans();
    }

    private Div settingsTab() {
        name.addClassName("settings-name");
        name.setMaxLength(Room.NAME_MAX_LENGTH);
        name.setRequired(true);
        name.setWidthFull();
        name.setValue(room.name());
        name.setHelperText("The room's address stays /rooms/" + room.slug() + ", so links keep working.");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(change -> name.setInvalid(false));
        description.setMaxLength(Room.DESCRIPTION_MAX_LENGTH);
        description.setWidthFull();
        description.setValue(room.description());
        isPrivate.setValue(room.isPrivate());
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(click -> save());
        archive.addClickListener(click -> toggleArchive());
        delete.addThemeVariants(ButtonVariant.ERROR);
        delete.addClickListener(click -> confirmDelete());
        delete.setVisible(!room.slug().equals(RoomService.GENERAL));
        updateArchiveButton();
        Paragraph archiveHelp = new Paragraph(
                "An archived room is read-only for everyone: members can still read and search it, nobody can post.");
        archiveHelp.addClassName("settings-help");
        Div danger = new Div(archive, delete);
        danger.addClassName("settings-danger");
        return new Div(name, description, isPrivate, save, archiveHelp, danger);
    }

    private void updateArchiveButton() {
        archive.setText(room.archived() ? "Unarchive room" : "Archive room");
    }

    void save() {
        try {
            room = rooms.updateSettings(
                    actor,
                    room.slug(),
                    new RoomChanges(name.getValue(), description.getValue(), isPrivate.getValue(), null));
            setHeaderTitle("#" + room.name());
            Notification.show("Settings saved.");
            refreshLog();
        } catch (InvalidInputException e) {
            // The reason goes next to the field it is about; what was typed stays.
            if (e.getMessage().startsWith("Description")) {
                description.setErrorMessage(e.getMessage());
                description.setInvalid(true);
            } else {
                name.setErrorMessage(e.getMessage());
                name.setInvalid(true);
            }
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    void toggleArchive() {
        try {
            room = rooms.updateSettings(actor, room.slug(), new RoomChanges(null, null, null, !room.archived()));
            updateArchiveButton();
            refreshLog();
        } catch (ParleyException e) {
            Notification.show(e.getMessage());
        }
    }

    void confirmDelete() {
        new DeleteRoomDialog(room, () -> {
                    rooms.delete(actor, room.slug());
                    close();
                })
                .open();
    }

    private void showBans() {
        bans.removeAll();
        List<BannedUser> list;
        try {
            list = moderation.bans(actor, room.slug());
        } catch (ParleyException e) {
            bans.add(new Paragraph(e.getMessage()));
            return;
        }
        if (list.isEmpty()) {
            bans.add(new Paragraph("Nobody is banned from this room."));
            return;
        }
        Instant now = Instant.now();
        for (BannedUser ban : list) {
            Span who = new Span(ban.user().displayName() + " (@" + ban.user().username() + ")");
            who.addClassName("ban-user");
            Span how = new Span("banned by " + ban.bannedBy().displayName() + ", "
                    + TimeFormat.relative(ban.at(), now, zone)
                    + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
            how.addClassName("ban-detail");
            Button unban = new Button("Unban", click -> {
                try {
                    moderation.unban(actor, room.slug(), ban.user().username());
                    Notification.show(ban.user().displayName() + " can come back to #" + room.name() + ".");
                    showBans();
                    refreshLog();
                } catch (ParleyException e) {
                    Notification.show(e.getMessage());
                }
            });
            unban.addThemeVariants(ButtonVariant.SMALL);
            Div row = new Div(new Div(who, how), unban);
            row.addClassName("ban-row");
            row.getElement().setAttribute("data-username", ban.user().username());
            bans.add(row);
        }
    }

    private void refreshLog() {
        if (room.role() != RoomRole.ADMIN) {
            return;
        }
        log.removeAll();
        oldestLogEntry = Long.MAX_VALUE;
        loadLog();
    }

    void loadLog() {
        List<ModerationEntry> page = moderation.log(actor, room.slug(), oldestLogEntry, LOG_PAGE);
        Instant now = Instant.now();
        for (ModerationEntry entry : page) {
            log.add(logRow(entry, now));
            oldestLogEntry = entry.id();
        }
        if (log.getChildren().findAny().isEmpty()) {
            log.add(new Paragraph("Nothing has been moderated here yet."));
        }
        olderLog.setVisible(page.size() == LOG_PAGE);
    }

    private Div logRow(ModerationEntry entry, Instant now) {
        StringBuilder text = new StringBuilder(entry.actor().displayName())
                .append(' ')
                .append(entry.action().label());
        if (entry.target() != null) {
            text.append(' ').append(entry.target().displayName());
        }
        if (!entry.detail().isEmpty()) {
            text.append(": ").append(entry.detail());
        }
        Span what = new Span(text.toString());
        what.addClassName("log-text");
        Span when = new Span(TimeFormat.relative(entry.at(), now, zone));
        when.addClassName("log-time");
        when.getElement().setAttribute("title", TimeFormat.full(entry.at(), zone));
        Div row = new Div(when, what);
        if (!entry.reason().isEmpty()) {
            Span reason = new Span("Reason: " + entry.reason());
            reason.addClassName("log-reason");
            row.add(reason);
        }
        row.addClassName("log-row");
        row.getElement().setAttribute("data-action", entry.action().name().toLowerCase(java.util.Locale.ROOT));
        return row;
    }
}
