package dev.parley.accounts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.parley.accounts.ApiToken;
import dev.parley.accounts.ApiTokenInfo;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.CurrentUser;
import dev.parley.accounts.NewApiToken;
import dev.parley.accounts.ParleyUser;
import dev.parley.base.ParleyException;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The signed-in user's profile: who they are, and their REST API tokens (create, list, revoke). */
@Route("profile")
@PageTitle("Profile · Parley")
@PermitAll
public class ProfileView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    final TextField tokenName = new TextField();
    final Button createToken = new Button("Create token");
    final Grid<ApiTokenInfo> tokens = new Grid<>();
    final Paragraph error = new Paragraph();

    private final ApiTokenService tokenService;
    private final ParleyUser user;

    ProfileView(ApiTokenService tokenService, CurrentUser currentUser) {
        this.tokenService = tokenService;
        this.user = currentUser.require();
        addClassName("page");

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

        add(
                new H2(user.displayName()),
                new Paragraph("@" + user.getUsername()),
                new H3("API tokens"),
                new Paragraph("Tokens let scripts and bots use the REST API as you: send them as "
                        + "Authorization: Bearer <token>. A token is shown once, when it is created."),
                new HorizontalLayout(tokenName, createToken),
                error,
                tokens);
        refresh();
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
