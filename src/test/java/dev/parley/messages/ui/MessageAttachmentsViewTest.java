package dev.parley.messages.ui;

import static dev.parley.files.TestFiles.html;
import static dev.parley.files.TestFiles.png;
import static dev.parley.files.TestFiles.stream;
import static dev.parley.files.TestFiles.text;
import static dev.parley.messages.ui.MessageClicks.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.parley.Fixtures;
import dev.parley.accounts.UserSummary;
import dev.parley.files.Attachment;
import dev.parley.files.BusyDecoders;
import dev.parley.messages.ChatMessage;
import dev.parley.rooms.RoomSummary;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Files in the room view: sending a message with files, the thumbnails and links, the image dialog, refusals. */
class MessageAttachmentsViewTest extends RoomViewTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void files_uploaded_in_the_composer_go_with_the_message_and_show_as_thumbnail_and_link() {
        UserSummary me = signIn("sharer");
        RoomSummary room = rooms.create(me.id(), "Files " + Fixtures.username("f"), null, false);
        RoomPanel panel = open(room);

        assertThat(panel.composer.files.store(UI.getCurrent(), "chart.png", stream(png(64, 48))))
                .isNull();
        assertThat(panel.composer.files.store(UI.getCurrent(), "notes.txt", stream(text("meeting notes"))))
                .isNull();
        test(panel.composer.input).setValue("the numbers");
        panel.composer.send();

        ChatMessage sent = messages.latest(me.id(), room.id(), 1).getFirst();
        assertThat(sent.body()).isEqualTo("the numbers");
        assertThat(sent.attachments()).extracting(Attachment::name).containsExactly("chart.png", "notes.txt");
        assertThat(panel.composer.files.fileIds()).isEmpty();
        Attachment chart = sent.attachments().get(0);
        Attachment notes = sent.attachments().get(1);
        Element html = Jsoup.parseBodyFragment(item(panel, sent).getElement().getProperty("innerHTML"))
                .body();
        Element thumbnail =
                html.selectFirst(".attachment-image[data-file=" + chart.id().value() + "] img");
        assertThat(thumbnail).isNotNull();
        assertThat(thumbnail.attr("src")).isEqualTo(chart.thumbnailUrl());
        assertThat(thumbnail.attr("alt")).isEqualTo("chart.png");
        Element link = html.selectFirst("a.attachment-file");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo(notes.url());
        assertThat(link.text()).contains("notes.txt").contains(notes.humanSize());

        MessageClicks.clickImage(panel, sent, chart.id());

        ImageDialog dialog = $(ImageDialog.class).single();
        assertThat(dialog.image.getSrc()).isEqualTo(chart.url());
        assertThat(dialog.download.getHref()).isEqualTo(chart.url());
    }

    @Test
    void a_message_may_be_files_alone_and_a_refused_file_says_why_while_the_text_stays() {
        UserSummary me = signIn("sender");
        RoomSummary room = rooms.create(me.id(), "Refusals " + Fixtures.username("r"), null, false);
        RoomPanel panel = open(room);
        test(panel.composer.input).setValue("see attached");

        String refusal = panel.composer.files.store(UI.getCurrent(), "invoice.png", stream(html()));

        assertThat(refusal).contains("invoice.png");
        awaitUi(() -> shown(panel.composer.files.refusals));
        assertThat(panel.composer.files.refusals.getElement().getTextRecursively())
                .isEqualTo(refusal);
        assertThat(panel.composer.input.getValue()).isEqualTo("see attached");
        assertThat(panel.composer.files.fileIds()).isEmpty();

        test(panel.composer.input).setValue("");
        assertThat(panel.composer.files.store(UI.getCurrent(), "photo.png", stream(png(10, 10))))
                .isNull();
        panel.composer.send();

        ChatMessage sent = messages.latest(me.id(), room.id(), 1).getFirst();
        assertThat(sent.body()).isEmpty();
        assertThat(sent.attachments()).extracting(Attachment::name).containsExactly("photo.png");
        assertThat(shown(panel.composer.files.refusals)).isFalse();
    }

    @Test
    void an_image_waiting_for_a_busy_decoder_says_so_under_the_files_until_it_is_stored() throws Exception {
        UserSummary me = signIn("waiter");
        RoomSummary room = rooms.create(me.id(), "Busy " + Fixtures.username("b"), null, false);
        RoomPanel panel = open(room);
        UI ui = UI.getCurrent();
        AtomicReference<@Nullable String> refusal = new AtomicReference<>("not stored yet");
        Thread upload;

        try (BusyDecoders busy = BusyDecoders.hold(context)) {
            // The upload's request thread, as Vaadin's upload handler runs it.
            upload = Thread.ofPlatform()
                    .start(() -> refusal.set(panel.composer.files.store(ui, "photo.png", stream(png(64, 48)))));
            awaitUi(() -> shown(panel.composer.files.waits));
            assertThat(panel.composer.files.waits.getElement().getTextRecursively())
                    .isEqualTo(
                            "photo.png is waiting: the server is busy with other images, and makes its preview next");
            assertThat(panel.composer.files.waits.getElement().getAttribute("role"))
                    .isEqualTo("status");
            assertThat(panel.composer.files.fileIds()).isEmpty();
        }
        upload.join(Duration.ofSeconds(30));

        assertThat(refusal.get()).isNull();
        awaitUi(() -> !shown(panel.composer.files.waits));
        assertThat(panel.composer.files.fileIds()).hasSize(1);
        assertThat(shown(panel.composer.files.refusals)).isFalse();
    }

    @Test
    void a_reader_who_has_not_joined_sees_no_thumbnails() {
        UserSummary me = signIn("reader");
        UserSummary owner = Fixtures.user(accounts, "owner");
        RoomSummary room = rooms.create(owner.id(), "Public " + Fixtures.username("p"), null, false);

        RoomPanel panel = open(room);

        // The thumbnails and links are hidden by CSS for lists without can-react, and the files answer 404.
        assertThat(panel.stream.messageList.hasClassName("can-react")).isFalse();
        assertThat(panel.composer.isVisible()).isFalse();
    }
}
