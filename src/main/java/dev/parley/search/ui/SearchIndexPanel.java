package dev.parley.search.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import dev.parley.accounts.UserId;
import dev.parley.base.ParleyException;
import dev.parley.base.ui.TimeFormat;
import dev.parley.search.IndexAdministration;
import dev.parley.search.IndexStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The "Search index" section of the Administration page: whether search answers, the progress of a build under way or
 * the last one, and a Rebuild button (after restoring a backup of the database, say). While a build runs the section
 * reads the index's state every second, by the page's poll, and stops polling once the build has ended or the page is
 * left.
 */
class SearchIndexPanel extends VerticalLayout {

    /** How often, in milliseconds, the browser asks for the state of a build under way. */
    static final int POLL_MILLIS = 1000;

    final Span status = new Span();
    final ProgressBar progress = new ProgressBar(0, 100);
    final Button rebuild = new Button("Rebuild index");

    private final IndexAdministration administration;
    private final UserId me;

    private @Nullable Registration pollListener;
    /** Whether this section set the page's poll interval, and so must reset it. */
    private boolean polling;

    SearchIndexPanel(IndexAdministration administration, UserId me) {
        this.administration = administration;
        this.me = me;
        setPadding(false);
        setSpacing(false);
        addClassName("search-index-section");
        status.setId("search-index-status");
        progress.setId("search-index-progress");
        progress.setVisible(false);
        progress.setWidth("20em");
        rebuild.setId("search-index-rebuild");
        rebuild.addThemeVariants(ButtonVariant.SMALL);
        rebuild.addClickListener(click -> confirmRebuild());
        add(new H3("Search index"), status, progress, rebuild);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        // The state is read only once attached: the page made this section before checking that its viewer is an admin.
        pollListener = event.getUI().addPollListener(poll -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollListener != null) {
            pollListener.remove();
            pollListener = null;
        }
        poll(event.getUI(), false);
        super.onDetach(event);
    }

    /** Reads the index's state and shows it; polls while a build runs. */
    void refresh() {
        IndexStatus index;
        try {
            index = administration.status(me);
        } catch (ParleyException e) {
            // No longer an admin, say: nothing to show, and nothing to poll for.
            status.setText(e.getMessage());
            progress.setVisible(false);
            rebuild.setEnabled(false);
            getUI().ifPresent(ui -> poll(ui, false));
            return;
        }
        ZoneId zone = TimeFormat.zoneOf(getUI().orElse(null));
        status.setText(describe(index, zone));
        status.setClassName("form-error", index.state() == IndexStatus.State.FAILED);
        boolean building = index.state() == IndexStatus.State.BUILDING;
        progress.setVisible(building);
        // Until the build has counted its messages, how far it is is not known yet.
        progress.setIndeterminate(building && index.total() == 0);
        progress.setValue(building ? index.percent() : 0);
        rebuild.setEnabled(!building);
        getUI().ifPresent(ui -> poll(ui, building));
    }

    private void poll(UI ui, boolean on) {
        if (on && !polling) {
            ui.setPollInterval(POLL_MILLIS);
            polling = true;
        } else if (!on && polling) {
            // Nothing else on the page polls: the interval this section set is the page's only one.
            ui.setPollInterval(-1);
            polling = false;
        }
    }

    ConfirmDialog confirmRebuild() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.addClassName("rebuild-index-dialog");
        confirm.setHeader("Rebuild the search index?");
        confirm.setText("Every message is indexed again from the database. Until that is done, search answers "
                + "\"being built\" on every node, for everyone; with many messages it takes a few minutes. "
                + "Nothing is lost: messages posted meanwhile are indexed too.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Rebuild");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                administration.rebuild(me);
            } catch (ParleyException ex) {
                Notification.show(ex.getMessage());
            }
            refresh();
        });
        confirm.open();
        return confirm;
    }

    /** The state in a sentence or two, for an admin; times in the browser's time zone, as elsewhere in Parley. */
    static String describe(IndexStatus index, ZoneId zone) {
        String where = index.node() == null ? "" : " on " + index.node();
        return switch (index.state()) {
            case READY -> {
                String ready = "Ready (" + index.location() + ").";
                Instant started = index.startedAt();
                Instant finished = index.finishedAt();
                if (started == null || finished == null) {
                    // The embedded index found complete at start-up is not built, only checked.
                    yield ready
                            + (index.location().equals("embedded")
                                    ? " Not rebuilt since this node started."
                                    : " No build recorded.");
                }
                yield ready + " Last built" + where + ": " + messages(index.indexed()) + ", "
                        + TimeFormat.full(finished, zone) + ", in " + took(Duration.between(started, finished)) + ".";
            }
            case BUILDING -> {
                if (index.total() == 0 && index.indexed() == 0) {
                    yield index.node() == null
                            ? "Being built: waiting for a node to start the build."
                            : "Being built" + where + ": counting the messages.";
                }
                yield "Being built" + where + ": " + index.percent() + "% (" + number(index.indexed()) + " of "
                        + messages(index.total()) + "). Search answers \"being built\" until it is done.";
            }
            case FAILED -> {
                String failure = index.failure();
                yield "The last build failed"
                        + (failure == null || failure.isBlank() ? "" : ": " + stripFinalStop(failure))
                        + ". It is tried again in a minute; search is unavailable until a build succeeds.";
            }
        };
    }

    private static String stripFinalStop(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static String messages(long count) {
        return number(count) + (count == 1 ? " message" : " messages");
    }

    private static String number(long count) {
        return String.format(Locale.ENGLISH, "%,d", count);
    }

    private static String took(Duration duration) {
        if (duration.toMillis() < 1000) {
            return "under a second";
        }
        if (duration.toSeconds() < 120) {
            return duration.toSeconds() + " s";
        }
        return duration.toMinutes() + " min";
    }
}
