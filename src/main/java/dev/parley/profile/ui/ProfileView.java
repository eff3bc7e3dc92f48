package dev.parley.profile.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.UploadButton;
import com.vaadin.flow.component.upload.UploadManager;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.ActiveSessions;
import dev.parley.accounts.ApiToken;
import dev.parley.accounts.ApiTokenInfo;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.NewApiToken;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.User;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.accounts.UserSummary;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.Avatars;
import dev.parley.base.ui.TimeFormat;
import dev.parley.files.Attachment;
import dev.parley.files.AvatarService;
import dev.parley.files.FileProperties;
import dev.parley.realtime.Broadcaster;
import dev.parley.realtime.UiSubscriptions;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user's profile: their picture (upload, remove), their display name, and their REST API tokens (create,
 * list, revoke). A picture is checked and cropped on the server; a refused one says why next to the upload button.
 * Changes made in another tab show here too.
 */
@Route("profile")
@PageTitle("Profile · Parley")
@PermitAll
public class ProfileView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    final H2 name = new H2();
    final Avatar picture;
    final UploadManager pictureUpload;
    final UploadButton uploadPicture;
    final Button removePicture = new Button("Remove picture");
    /** Why the last picture was refused, next to the upload button. */
    final Paragraph pictureRefusal = new Paragraph();
    /** Shown while the picture waits for the server's image decoders, busy with other images. */
    final Paragraph pictureWaiting =
            new Paragraph("Waiting: the server is busy with other images, and makes your picture next");

    final TextField displayName = new TextField("Display name");
    final Button saveName = new Button("Save");

    final SignInSettings signIn;

    final TextField tokenName = new TextField();
    final Button createToken = new Button("Create token");
    final Grid<ApiTokenInfo> tokens = new Grid<>();
    final Paragraph error = new Paragraph();

    private final AccountService accounts;
    private final AvatarService avatars;
    private final ApiTokenService tokenService;
    private final ParleyUser user;
    /** The name as last saved: the field follows changes from other tabs only while it holds this. */
    private String savedName;

    ProfileView(
            AccountService accounts,
            AvatarService avatars,
            FileProperties fileLimits,
            ApiTokenService tokenService,
            CurrentUser currentUser,
            ActiveSessions sessions,
            Clock clock,
            Broadcaster broadcaster) {
        this.accounts = accounts;
        this.avatars = avatars;
        this.tokenService = tokenService;
        this.user = currentUser.require();
        addClassName("page");
        addClassName("profile-view");
        // From the database, not the sign-in: the name may have changed since.
        UserSummary me = accounts.summary(user.id());
        savedName = me.displayName();

        picture = Avatars.of(me.displayName(), me.initials(), me.id().value(), me.avatarUrl());
        picture.addThemeVariants(AvatarVariant.XLARGE);
        picture.setId("profile-picture");
        pictureUpload = new UploadManager(this, this::receive);
        pictureUpload.setMaxFiles(1);
        // The browser checks size and type before sending; the server checks both again, the type from the content.
        pictureUpload.setMaxFileSize(fileLimits.maxSize().toBytes());
        pictureUpload.setAcceptedMimeTypes(AvatarService.TYPES.toArray(String[]::new));
        pictureUpload.addFileRejectedListener(
                rejected -> refusePicture(refusalInBrowser(rejected.getFileName(), rejected.getReason(), fileLimits)));
        // One picture at a time: the next one may be chosen as soon as this one is done.
        pictureUpload.addAllFinishedListener(finished -> pictureUpload.clearFileList());
        uploadPicture = new UploadButton("Upload picture", pictureUpload);
        uploadPicture.setIcon(VaadinIcon.UPLOAD.create());
        uploadPicture.setId("upload-picture");
        removePicture.addThemeVariants(ButtonVariant.TERTIARY);
        removePicture.setId("remove-picture");
        removePicture.addClickListener(e -> removePicture());
        pictureRefusal.addClassName("form-error");
        pictureRefusal.setId("picture-refusal");
        pictureRefusal.getElement().setAttribute("role", "alert");
        pictureRefusal.setVisible(false);
        pictureWaiting.addClassName("hint");
        pictureWaiting.setId("picture-waiting");
        pictureWaiting.getElement().setAttribute("role", "status");
        pictureWaiting.setVisible(false);
        Paragraph pictureHint = new Paragraph("PNG, JPEG, GIF or WebP, at most "
                + Attachment.formatSize(fileLimits.maxSize().toBytes())
                + ". The middle square of the image is kept.");
        pictureHint.addClassName("hint");
        Div pictureActions = new Div(
                new HorizontalLayout(uploadPicture, removePicture), pictureHint, pictureWaiting, pictureRefusal);
        Div pictureRow = new Div(picture, pictureActions);
        pictureRow.addClassName("profile-picture-row");

        displayName.setMaxLength(User.DISPLAY_NAME_MAX_LENGTH);
        displayName.setRequired(true);
        displayName.setHelperText("How others see you, for example Ada Lovelace");
        displayName.setId("display-name");
        saveName.addThemeVariants(ButtonVariant.PRIMARY);
        saveName.setId("save-name");
        saveName.addClickListener(e -> saveName());
        saveName.addClickShortcut(Key.ENTER).listenOn(displayName);
        HorizontalLayout nameForm = new HorizontalLayout(displayName, saveName);
        nameForm.setAlignItems(Alignment.BASELINE);

        tokenName.setPlaceholder("Token name, for example CI bot");
        tokenName.setMaxLength(ApiToken.NAME_MAX_LENGTH);
        tokenName.setAriaLabel("Token name");
        createToken.addThemeVariants(ButtonVariant.PRIMARY);
        createToken.addClickListener(e -> create());
        error.addClassName("form-error");
        error.setVisible(false);

        tokens.addColumn(ApiTokenInfo::name).setHeader("Name").setFlexGrow(2);
        tokens.addColumn(t -> TIME.format(t.createdAt())).setHeader("Created");
        tokens.addColumn(t -> t.lastUsedAt() == null ? "never" : TIME.format(t.lastUsedAt()))
                .setHeader("Last used");
        tokens.addComponentColumn(t -> {
                    Button revoke = new Button("Revoke", e -> revoke(t));
                    revoke.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.SMALL);
                    return revoke;
                })
                .setHeader("");
        tokens.setAllRowsVisible(true);
        tokens.setEmptyStateText("No API tokens yet.");

        signIn = new SignInSettings(accounts, sessions, user.id(), clock, TimeFormat.zoneOf(UI.getCurrent()));
        add(name, new Paragraph("@" + user.getUsername()));
        if (user.guest()) {
            // A guest has no password, no signed-in browsers to manage and no API; a picture only if guests may upload.
            Paragraph guest = new Paragraph("You are here as a guest: others see you marked as one. You can join and "
                    + "post in public rooms. To end your visit, choose Leave in the menu under your name; your name "
                    + "is then free for the next visitor.");
            guest.setId("guest-notice");
            add(guest);
            if (accounts.mayUpload(user.id())) {
                add(new H3("Picture"), pictureRow);
            }
            add(new H3("Name"), nameForm);
        } else {
            add(
                    new H3("Picture"),
                    pictureRow,
                    new H3("Name"),
                    nameForm,
                    signIn,
                    new H3("API tokens"),
                    new Paragraph("Tokens let scripts and bots use the REST API as you: send them as "
                            + "Authorization: Bearer <token>. A token is shown once, when it is created."),
                    new HorizontalLayout(tokenName, createToken),
                    error,
                    tokens);
        }
        show(me);
        displayName.setValue(me.displayName());
        if (!user.guest()) {
            refresh();
        }

        UiSubscriptions.whileAttached(
                this,
                listener -> broadcaster.subscribe(user.id().topic(), listener),
                event -> event instanceof UserProfileChanged,
                event -> show(((UserProfileChanged) event).user()));
    }

    void saveName() {
        try {
            UserSummary me = accounts.changeDisplayName(user.id(), displayName.getValue());
            displayName.setInvalid(false);
            displayName.setValue(me.displayName());
            show(me);
            Notification.show("Your name is now " + me.displayName() + ".");
        } catch (ParleyException e) {
            displayName.setErrorMessage(e.getMessage());
            displayName.setInvalid(true);
        }
    }

    /** Called by the upload manager on the request thread that carries the picture. */
    private void receive(UploadEvent event) throws IOException {
        try (InputStream content = event.getInputStream()) {
            String refusal = storePicture(event.getUI(), event.getFileName(), content);
            if (refusal != null) {
                event.reject(refusal);
            }
        }
    }

    /**
     * Makes the upload the user's picture, or shows why it was refused, and while it waits for a free image decoder,
     * that it waits; the page changes through {@code ui.access}, as this runs on the upload's request thread.
     *
     * @return the reason the picture was refused, or null when it is the user's picture now
     */
    @Nullable
    String storePicture(UI ui, String fileName, InputStream content) {
        AtomicBoolean waited = new AtomicBoolean();
        try {
            UserSummary me = avatars.upload(user.id(), fileName, content, () -> {
                waited.set(true);
                ui.access(() -> pictureWaiting.setVisible(true));
            });
            ui.access(() -> {
                pictureRefusal.setVisible(false);
                show(me);
            });
            return null;
        } catch (ParleyException refused) {
            ui.access(() -> refusePicture(refused.getMessage()));
            return refused.getMessage();
        } finally {
            if (waited.get()) {
                ui.access(() -> pictureWaiting.setVisible(false));
            }
        }
    }

    private void removePicture() {
        try {
            show(avatars.remove(user.id()));
            pictureRefusal.setVisible(false);
        } catch (ParleyException e) {
            refusePicture(e.getMessage());
        }
    }

    private void refusePicture(String reason) {
        pictureRefusal.setText(reason);
        pictureRefusal.setVisible(true);
    }

    /** The browser's refusal in the same words as the server's. */
    private static String refusalInBrowser(
            String fileName, UploadManager.FileRejectionReason reason, FileProperties limits) {
        return switch (reason) {
            case FILE_TOO_LARGE ->
                fileName + " is too large; files can be at most "
                        + Attachment.formatSize(limits.maxSize().toBytes());
            case TOO_MANY_FILES -> "Choose one picture at a time";
            default -> fileName + ": a picture must be a PNG, JPEG, GIF or WebP image";
        };
    }

    /** Shows the user as they are now: saved here, or in another tab. */
    private void show(UserSummary me) {
        name.setText(me.displayName());
        Avatars.show(picture, me.displayName(), me.initials(), me.avatarUrl());
        removePicture.setVisible(me.avatarUrl() != null);
        if (displayName.getValue().equals(savedName)) {
            displayName.setValue(me.displayName());
        }
        savedName = me.displayName();
    }

    private void create() {
        try {
            NewApiToken created = tokenService.create(user.id(), tokenName.getValue());
            tokenName.clear();
            error.setVisible(false);
            refresh();
            showOnce(created);
        } catch (ParleyException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
    }

    private void showOnce(NewApiToken created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Token “" + created.info().name() + "” created");
        Code token = new Code(created.token());
        token.setId("new-token");
        token.addClassName("token");
        dialog.add(new Paragraph("Copy it now: it will not be shown again."), token);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.open();
    }

    private void revoke(ApiTokenInfo token) {
        tokenService.revoke(user.id(), token.id());
        refresh();
    }

    private void refresh() {
        tokens.setItems(tokenService.list(user.id()));
    }
}
