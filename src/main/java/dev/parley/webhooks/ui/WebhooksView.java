package dev.parley.webhooks.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.UserId;
import dev.parley.base.NotAllowedException;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.webhooks.NewWebhook;
import dev.parley.webhooks.Webhook;
import dev.parley.webhooks.WebhookInfo;
import dev.parley.webhooks.WebhookService;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /rooms/{slug}/webhooks}: a room's incoming webhooks, for its admins (the room's header links here). Create one
 * by name, and its URL is shown once, with a Copy button, as only its hash is kept; the list shows each webhook's name,
 * who set it up, when, when it was last used, and whether it is paused; each can be renamed and revoked. A private room
 * the user is not in answers as a missing page; other members of the room are told that this is for admins.
 */
@Route("rooms/:slug/webhooks")
@PermitAll
public class WebhooksView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    final H2 heading = new H2("Webhooks");
    final Paragraph refusal = new Paragraph();
    final TextField name = new TextField("Name");
    final Button create = new Button("Create webhook");
    final TextField newUrl = new TextField("Webhook URL");
    final Button copy = new Button("Copy");
    final Div newUrlBox = new Div();
    final Div list = new Div();
    final Div form = new Div();

    private final WebhookService webhooks;
    private final RoomService rooms;
    private final CurrentUser currentUser;
    private final Anchor back = new Anchor("", "Back to the room");
    private final ZoneId zone;
    private @Nullable RoomSummary room;
    private @Nullable UserId actor;

    WebhooksView(WebhookService webhooks, RoomService rooms, CurrentUser currentUser) {
        this.webhooks = webhooks;
        this.rooms = rooms;
        this.currentUser = currentUser;
        this.zone = TimeFormat.zoneOf(UI.getCurrent());
        addClassName("page");
        addClassName("webhooks-view");

        Paragraph about =
                new Paragraph("Tools that post to Slack (CI servers, Alertmanager, Grafana…) can post to this "
                        + "room through a webhook URL unchanged: they send Slack's JSON, such as {\"text\": \"Build 42 passed\"}. "
                        + "Messages appear under the webhook's name, marked \"via webhook\", and count against their own posting "
                        + "limit. A webhook posts only while the person who set it up is a member of the room.");
        about.addClassName("webhooks-about");
        name.setPlaceholder("CI server");
        name.setMaxLength(Webhook.NAME_MAX_LENGTH);
        name.addValueChangeListener(change -> name.setInvalid(false));
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickListener(click -> create());
        form.addClassName("webhook-form");
        form.add(name, create);

        newUrl.setReadOnly(true);
        newUrl.setWidthFull();
        newUrl.addClassName("webhook-url");
        newUrl.setHelperText("Copy it now: it is shown only this once. Anyone with it can post to this room.");
        copy.addClassName("webhook-copy");
        copy.addClickListener(click -> copyUrl());
        newUrlBox.addClassName("webhook-form");
        newUrlBox.add(newUrl, copy);
        newUrlBox.setVisible(false);
        newUrlBox.setWidthFull();
        list.addClassName("webhook-list");
        list.setWidthFull();
        refusal.addClassName("webhooks-refusal");
        refusal.setVisible(false);

        add(heading, back, refusal, about, form, newUrlBox, new H3("This room's webhooks"), list);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get("slug").orElse("");
        actor = currentUser.require().id();
        try {
            room = rooms.open(actor, slug);
        } catch (dev.parley.base.NotFoundException e) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        heading.setText("Webhooks of " + (room.isPrivate() ? "🔒 " : "#") + room.name());
        back.setHref("rooms/" + room.slug());
        refresh();
    }

    void create() {
        if (room == null || actor == null) {
            return;
        }
        try {
            NewWebhook created = webhooks.create(actor, room.slug(), name.getValue());
            newUrl.setValue(absolute(created.path()));
            newUrlBox.setVisible(true);
            name.clear();
            refresh();
        } catch (ParleyException e) {
            // What was typed stays; the reason shows under it.
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        }
    }

    /** Reads the list again (one service call) and shows it, or says why the user cannot manage webhooks here. */
    void refresh() {
        if (room == null || actor == null) {
            return;
        }
        list.removeAll();
        List<WebhookInfo> all;
        try {
            all = webhooks.list(actor, room.slug());
        } catch (NotAllowedException e) {
            refusal.setText(e.getMessage() + ".");
            refusal.setVisible(true);
            form.setVisible(false);
            return;
        }
        if (all.isEmpty()) {
            list.add(new Span("No webhooks yet."));
        }
        Instant now = Instant.now();
        for (WebhookInfo webhook : all) {
            list.add(row(webhook, now));
        }
    }

    private Div row(WebhookInfo webhook, Instant now) {
        Span title = new Span(webhook.name());
        title.addClassName("webhook-name");
        String lastUsed = webhook.lastUsedAt() == null
                ? "never used"
                : "last used " + TimeFormat.relative(webhook.lastUsedAt(), now, zone);
        Span details = new Span("Set up by " + webhook.createdBy().displayName() + ", "
                + TimeFormat.full(webhook.createdAt(), zone) + " · " + lastUsed);
        details.addClassName("webhook-details");
        Div text = new Div(title, new Div(details));
        if (webhook.paused() != null) {
            Span paused = new Span(webhook.paused());
            paused.addClassName("webhook-paused");
            text.add(new Div(paused));
        }
        Button rename = new Button("Rename", click -> openRename(webhook));
        rename.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        rename.addClassName("webhook-rename");
        Button revoke = new Button("Revoke", click -> confirmRevoke(webhook));
        revoke.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR, ButtonVariant.SMALL);
        revoke.addClassName("webhook-revoke");
        Div row = new Div(text, new Div(rename, revoke));
        row.addClassName("webhook-row");
        row.getElement().setAttribute("data-webhook", Long.toString(webhook.id()));
        return row;
    }

    /** A small dialog with the name to change; a refused name stays in it with the reason. */
    RenameDialog openRename(WebhookInfo webhook) {
        RenameDialog dialog = new RenameDialog(webhook);
        dialog.open();
        return dialog;
    }

    /** Renames one webhook. */
    final class RenameDialog extends Dialog {

        final TextField newName = new TextField("Name");
        final Button save = new Button("Save");

        RenameDialog(WebhookInfo webhook) {
            addClassName("webhook-rename-dialog");
            setHeaderTitle("Rename webhook");
            newName.setValue(webhook.name());
            newName.setMaxLength(Webhook.NAME_MAX_LENGTH);
            newName.setHelperText("Messages it posts from now on show the new name.");
            save.addThemeVariants(ButtonVariant.PRIMARY);
            save.addClickListener(click -> {
                try {
                    webhooks.rename(actorOrFail(), roomOrFail().slug(), webhook.id(), newName.getValue());
                    close();
                    refresh();
                } catch (ParleyException e) {
                    newName.setErrorMessage(e.getMessage());
                    newName.setInvalid(true);
                }
            });
            add(newName);
            getFooter().add(new Button("Cancel", click -> close()), save);
        }
    }

    ConfirmDialog confirmRevoke(WebhookInfo webhook) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.addClassName("revoke-webhook-dialog");
        confirm.setHeader("Revoke " + webhook.name() + "?");
        confirm.setText("Its URL stops working at once and for good; whatever posts to it gets \"not found\". "
                + "The messages it posted stay.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Revoke");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                webhooks.revoke(actorOrFail(), roomOrFail().slug(), webhook.id());
            } catch (ParleyException ex) {
                Notification.show(ex.getMessage());
            }
            refresh();
        });
        confirm.open();
        return confirm;
    }

    private void copyUrl() {
        // The Clipboard API needs a secure context (https, or localhost); elsewhere the field is selected instead.
        newUrl.getElement()
                .executeJs(
                        "const input = this.inputElement; input.select();"
                                + "if (navigator.clipboard && window.isSecureContext) {"
                                + "  navigator.clipboard.writeText($0); }"
                                + "else { document.execCommand('copy'); }",
                        newUrl.getValue());
        Notification.show("Webhook URL copied.");
    }

    private RoomSummary roomOrFail() {
        if (room == null) {
            throw new IllegalStateException("No room is open");
        }
        return room;
    }

    private UserId actorOrFail() {
        if (actor == null) {
            throw new IllegalStateException("No user is signed in");
        }
        return actor;
    }

    @Override
    public String getPageTitle() {
        return room == null ? "Webhooks · Parley" : "Webhooks of #" + room.name() + " · Parley";
    }

    /** The URL as the tools will be given it: with this server's address, as the browser reached it. */
    private static String absolute(String path) {
        @Nullable VaadinRequest request = VaadinRequest.getCurrent();
        if (request instanceof VaadinServletRequest servlet) {
            return ServletUriComponentsBuilder.fromContextPath(servlet.getHttpServletRequest())
                    .path("/" + path)
                    .toUriString();
        }
        return "/" + path;
    }
}
