package dev.parley.files;

import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.files.FileRefusedException.Reason;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessageService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.RoomTestData;
import dev.parley.rooms.internal.MembershipRepository;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Uploading, attaching, reading and deleting files, with a hostile corpus of uploads; run on SQLite, H2 and PostgreSQL
 * with the data folder's store, and on SQLite with a bucket of S3Mock ({@code FileServiceS3Test}), by the subclasses,
 * with a 1 MB file limit and a 3 MB quota so that the limits are cheap to reach, and two image decoders that an upload
 * waits for at most a second. What is kept is checked through the {@link FileStore}: the same checks on both stores.
 */
@TestPropertySource(
        properties = {
            "parley.files.max-size=1MB",
            "parley.files.quota=3MB",
            "parley.files.image-decoders=2",
            "parley.files.image-decoder-wait=1s"
        })
abstract class FileServiceContract {

    /** A server-made stored name: 32 hex digits, with ".thumb" for a thumbnail. */
    private static final String STORED_NAME = "[0-9a-f]{32}(\\.thumb)?";

    @Autowired
    FileService files;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    AccountService accounts;

    @Autowired
    MembershipRepository memberships;

    @Autowired
    FileStore store;

    @Autowired
    OrphanedFileSweeper orphans;

    @Autowired
    ApplicationContext context;

    private UserSummary alice;
    private RoomSummary room;

    @BeforeEach
    void aliceHasARoom() {
        alice = Fixtures.user(accounts, "alice");
        room = rooms.create(alice.id(), "Files " + Fixtures.username("f"), null, false);
    }

    @Test
    void an_image_is_stored_with_its_dimensions_and_a_bounded_thumbnail_under_a_generated_name() throws IOException {
        Set<String> before = storedNames();
        Attachment photo = files.upload(alice.id(), room.id(), "holiday.png", stream(TestFiles.png(1200, 800)));

        assertThat(photo.name()).isEqualTo("holiday.png");
        assertThat(photo.mediaType()).isEqualTo("image/png");
        assertThat(photo.width()).isEqualTo(1200);
        assertThat(photo.height()).isEqualTo(800);
        assertThat(photo.image()).isTrue();
        assertThat(photo.url()).isEqualTo("/files/" + photo.id().value());
        assertThat(photo.thumbnailUrl()).isEqualTo("/files/" + photo.id().value() + "/thumbnail");

        FileContent original = files.open(alice.id(), photo.id(), false);
        assertThat(original.inline()).isTrue();
        assertThat(original.size()).isEqualTo(photo.size());
        assertThat(bytes(original)).isEqualTo(TestFiles.png(1200, 800));
        FileContent thumbnail = files.open(alice.id(), photo.id(), true);
        assertThat(thumbnail.mediaType()).isEqualTo("image/jpeg");
        BufferedImage small = image(thumbnail);
        assertThat(small.getWidth()).isEqualTo(FileService.THUMBNAIL_SIZE);
        assertThat(small.getHeight()).isEqualTo(320);
        assertThat(thumbnail.size()).isEqualTo(bytes(thumbnail).length);
        // Two objects in the uploads area, and nothing else: the image under a generated name, its thumbnail next to
        // it.
        Set<String> added = added(before);
        assertThat(added).hasSize(2).allMatch(name -> name.matches(STORED_NAME));
        String stored = added.stream()
                .filter(name -> !name.endsWith(".thumb"))
                .findFirst()
                .orElseThrow();
        assertThat(added).containsExactlyInAnyOrder(stored, stored + ".thumb");
    }

    @Test
    void a_transparent_image_keeps_its_transparency_in_a_png_thumbnail_and_small_images_are_not_enlarged()
            throws IOException {
        Attachment icon = files.upload(alice.id(), room.id(), "icon.png", stream(TestFiles.transparentPng(64, 32)));
        Attachment jpeg = files.upload(alice.id(), room.id(), "photo.JPG", stream(TestFiles.jpeg(300, 600)));

        FileContent iconThumbnail = files.open(alice.id(), icon.id(), true);
        assertThat(iconThumbnail.mediaType()).isEqualTo("image/png");
        BufferedImage small = image(iconThumbnail);
        assertThat(small.getColorModel().hasAlpha()).isTrue();
        assertThat(small.getWidth()).isEqualTo(64);
        assertThat(small.getHeight()).isEqualTo(32);
        assertThat(jpeg.mediaType()).isEqualTo("image/jpeg");
        assertThat(image(files.open(alice.id(), jpeg.id(), true)).getHeight()).isEqualTo(FileService.THUMBNAIL_SIZE);
    }

    @Test
    void documents_are_typed_from_their_content_and_served_as_downloads_without_a_thumbnail() {
        Attachment pdf = files.upload(alice.id(), room.id(), "invoice.pdf", stream(TestFiles.pdf()));
        Attachment docx = files.upload(alice.id(), room.id(), "report.docx", stream(TestFiles.docx()));
        Attachment notes = files.upload(alice.id(), room.id(), "notes.md", stream(TestFiles.text("# Notes\n- one\n")));
        Attachment csv = files.upload(alice.id(), room.id(), "data.csv", stream(TestFiles.text("a,b\n1,2\n")));
        Attachment plain = files.upload(alice.id(), room.id(), "README", stream(TestFiles.text("just words")));

        assertThat(List.of(pdf, docx, notes, csv, plain))
                .extracting(Attachment::mediaType)
                .containsExactly(
                        "application/pdf",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "text/markdown",
                        "text/csv",
                        "text/plain");
        assertThat(pdf.image()).isFalse();
        assertThat(pdf.width()).isZero();
        assertThat(pdf.humanSize()).endsWith(" B");
        FileContent download = files.open(alice.id(), pdf.id(), false);
        assertThat(download.inline()).isFalse();
        assertThat(download.mediaType()).isEqualTo("application/pdf");
        assertThatThrownBy(() -> files.open(alice.id(), pdf.id(), true))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such file");
    }

    @Test
    void zip_based_types_come_from_what_is_inside_and_a_damaged_zip_is_refused_whatever_its_name() throws IOException {
        Set<String> before = storedNames();
        // The same 11 bytes: the start of a ZIP entry, then garbage.
        byte[] broken = TestFiles.brokenZip();

        assertRefused(
                "report.docx",
                broken,
                Reason.CONTENT_MISMATCH,
                "report.docx is not a valid Word document (the file is damaged)");
        assertRefused(
                "sheet.xlsx",
                broken,
                Reason.CONTENT_MISMATCH,
                "sheet.xlsx is not a valid Excel workbook (the file is damaged)");
        assertRefused(
                "minutes.odt",
                broken,
                Reason.CONTENT_MISMATCH,
                "minutes.odt is not a valid OpenDocument text (the file is damaged)");
        assertRefused(
                "archive.zip",
                broken,
                Reason.CONTENT_MISMATCH,
                "archive.zip is not a valid ZIP archive (the file is damaged)");
        assertRefused("blob", broken, Reason.CONTENT_MISMATCH, "blob is not a valid ZIP archive (the file is damaged)");
        assertRefused("notes.txt", broken, Reason.CONTENT_MISMATCH, "notes.txt: its content does not match its name");
        assertRefused(
                "report.docx",
                TestFiles.zip(),
                Reason.CONTENT_MISMATCH,
                "report.docx is not a valid Word document: it is a ZIP archive");
        assertRefused(
                "report.odt",
                TestFiles.docx(),
                Reason.CONTENT_MISMATCH,
                "report.odt is not a valid OpenDocument text: it is a Word document");
        assertThat(storedNames()).isEqualTo(before);

        List<Attachment> stored = Stream.of(
                        files.upload(alice.id(), room.id(), "report.docx", stream(TestFiles.docx())),
                        files.upload(alice.id(), room.id(), "numbers.xlsx", stream(TestFiles.xlsx())),
                        files.upload(alice.id(), room.id(), "minutes.odt", stream(TestFiles.odt())),
                        files.upload(alice.id(), room.id(), "archive.zip", stream(TestFiles.zip())),
                        // The content decides: a Word document named as a ZIP is a Word document.
                        files.upload(alice.id(), room.id(), "report.zip", stream(TestFiles.docx())),
                        files.upload(alice.id(), room.id(), "document", stream(TestFiles.docx())))
                .toList();
        assertThat(stored)
                .extracting(Attachment::mediaType)
                .containsExactly(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "application/vnd.oasis.opendocument.text",
                        "application/zip",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void the_hostile_corpus_is_refused_for_the_right_reason_and_leaves_nothing_on_disk() throws IOException {
        Set<String> before = storedNames();

        assertRefused(
                "invoice.png",
                TestFiles.html(),
                Reason.CONTENT_MISMATCH,
                "invoice.png: its content does not match its name");
        assertRefused(
                "logo.svg",
                TestFiles.svgWithScript(),
                Reason.TYPE_NOT_ALLOWED,
                "logo.svg: this type of file is not allowed");
        assertRefused(
                "logo.png",
                TestFiles.svgWithScript(),
                Reason.CONTENT_MISMATCH,
                "logo.png: its content does not match its name");
        assertRefused(
                "page.html", TestFiles.html(), Reason.TYPE_NOT_ALLOWED, "page.html: this type of file is not allowed");
        assertRefused("page", TestFiles.html(), Reason.TYPE_NOT_ALLOWED, "page: this type of file is not allowed");
        assertRefused(
                "setup.exe", TestFiles.exe(), Reason.TYPE_NOT_ALLOWED, "setup.exe: this type of file is not allowed");
        assertRefused(
                "notes.txt",
                TestFiles.exe(),
                Reason.CONTENT_MISMATCH,
                "notes.txt: its content does not match its name");
        assertRefused(
                "photo.jpg",
                TestFiles.png(10, 10),
                Reason.CONTENT_MISMATCH,
                "photo.jpg: its content does not match its name");
        assertRefused("broken.png", brokenPng(), Reason.CONTENT_MISMATCH, "broken.png: this image cannot be read");
        assertRefused("empty.txt", new byte[0], Reason.EMPTY, "empty.txt is empty");

        assertThatThrownBy(() -> files.upload(alice.id(), room.id(), "big.txt", TestFiles.textOfSize(1024 * 1024 + 1)))
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("big.txt is too large; files can be at most 1 MB");

        assertThat(storedNames()).isEqualTo(before);
    }

    @Test
    void an_image_declaring_100000_by_100000_pixels_is_refused_from_its_header_without_decoding() {
        byte[] huge = TestFiles.pngDeclaring(100_000, 100_000);
        long start = System.nanoTime();

        assertThatThrownBy(() -> files.upload(alice.id(), room.id(), "huge.png", stream(huge)))
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS))
                .hasMessage("huge.png is 100000 × 100000 pixels; images can be at most 50 megapixels");

        // Decoding 10 gigapixels would take minutes and 40 GB; reading a header takes milliseconds.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(huge.length).isLessThan(100);
    }

    @Test
    void
            while_every_decoder_is_busy_an_image_waits_and_is_refused_in_words_after_the_wait_but_its_header_is_checked_first()
                    throws Exception {
        Set<String> before = storedNames();
        AtomicInteger waits = new AtomicInteger();

        try (BusyDecoders busy = BusyDecoders.hold(context)) {
            // Refused from its header alone: no decoder is needed for that, so nothing waits.
            assertThatThrownBy(() -> files.upload(
                            alice.id(),
                            room.id(),
                            "huge.png",
                            stream(TestFiles.pngDeclaring(100_000, 100_000)),
                            waits::incrementAndGet))
                    .isInstanceOfSatisfying(FileRefusedException.class, e -> assertThat(e.reason())
                            .isEqualTo(Reason.TOO_MANY_PIXELS));
            Attachment notes = files.upload(
                    alice.id(), room.id(), "notes.txt", stream(TestFiles.text("x")), waits::incrementAndGet);
            assertThat(notes.mediaType()).isEqualTo("text/plain");
            assertThat(waits).as("neither waited for a decoder").hasValue(0);

            assertThatThrownBy(() -> files.upload(
                            alice.id(), room.id(), "photo.png", stream(TestFiles.png(40, 40)), waits::incrementAndGet))
                    .isInstanceOf(DecodersBusyException.class)
                    .hasMessage("The server is busy with other images: photo.png was not stored. Try again in 1 s");
            assertThat(waits).hasValue(1);
            assertThat(storedNames()).hasSize(before.size() + 1);
        }

        Attachment photo =
                files.upload(alice.id(), room.id(), "photo.png", stream(TestFiles.png(40, 40)), waits::incrementAndGet);
        assertThat(photo.width()).isEqualTo(40);
        assertThat(waits).as("a free decoder is taken at once").hasValue(1);
    }

    @Test
    void hostile_names_become_safe_display_names_and_never_paths() throws IOException {
        String longName = "a".repeat(996) + ".txt";
        List<String> given = List.of(
                "../../../etc/passwd.txt",
                "..\\..\\windows\\win.ini.txt",
                "nul\u0000byte.txt",
                "line\r\nSet-Cookie: x=1.txt",
                "invoice\u202Etxt.exe.txt",
                longName,
                "..",
                " \u200B ");
        List<String> expected = List.of(
                "passwd.txt",
                "win.ini.txt",
                "nulbyte.txt",
                "lineSet-Cookie: x=1.txt",
                "invoicetxt.exe.txt",
                "a".repeat(251) + ".txt",
                "file",
                "file");

        for (int i = 0; i < given.size(); i++) {
            Set<String> before = storedNames();
            Attachment stored = files.upload(alice.id(), room.id(), given.get(i), stream(TestFiles.text("hello")));
            assertThat(stored.name()).as(given.get(i)).isEqualTo(expected.get(i));
            assertThat(stored.name()).doesNotContain("/", "\\", "\u0000", "\r", "\n", "\u202E");
            assertThat(stored.name().length()).isLessThanOrEqualTo(255);
            assertThat(bytes(files.open(alice.id(), stored.id(), false))).isEqualTo(TestFiles.text("hello"));
            // One object, under a name made by the server: never a path taken from the given name.
            assertThat(added(before)).singleElement().asString().matches(STORED_NAME);
        }
        assertThat(storedNames()).allMatch(name -> name.matches(STORED_NAME));
    }

    @Test
    void only_current_members_read_a_messages_files_and_only_the_uploader_a_pending_one() {
        UserSummary bob = Fixtures.user(accounts, "bob");
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        members.join(bob.id(), room.slug());
        Attachment sent = files.upload(alice.id(), room.id(), "plan.pdf", stream(TestFiles.pdf()));
        Attachment pending = files.upload(alice.id(), room.id(), "draft.pdf", stream(TestFiles.pdf()));
        messages.post(alice.id(), room.id(), "the plan", List.of(sent.id()));

        assertThat(files.open(bob.id(), sent.id(), false).name()).isEqualTo("plan.pdf");
        assertThat(files.open(alice.id(), pending.id(), false).name()).isEqualTo("draft.pdf");
        // A public room that the user could read, but is not a member of: no file.
        assertNoSuchFile(outsider, sent.id());
        assertNoSuchFile(bob, pending.id());
        assertNoSuchFile(bob, new FileId(Long.MAX_VALUE));

        members.leave(bob.id(), room.slug());
        assertNoSuchFile(bob, sent.id());

        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("s"), null, true);
        RoomTestData.addMember(memberships, secret.id(), bob.id());
        Attachment hidden = files.upload(alice.id(), secret.id(), "secret.pdf", stream(TestFiles.pdf()));
        messages.post(alice.id(), secret.id(), "", List.of(hidden.id()));
        assertThat(files.open(bob.id(), hidden.id(), false).size()).isEqualTo(hidden.size());
        assertNoSuchFile(outsider, hidden.id());
    }

    @Test
    void uploading_needs_a_member_who_may_post() {
        UserSummary outsider = Fixtures.user(accounts, "outsider");
        RoomSummary secret = rooms.create(alice.id(), "Secret " + Fixtures.username("s"), null, true);

        assertThatThrownBy(() -> files.upload(outsider.id(), room.id(), "a.txt", stream(TestFiles.text("x"))))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> files.upload(outsider.id(), secret.id(), "a.txt", stream(TestFiles.text("x"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_message_carries_its_files_in_order_and_may_have_no_text() {
        UserSummary bob = Fixtures.user(accounts, "bob");
        members.join(bob.id(), room.slug());
        Attachment pdf = files.upload(alice.id(), room.id(), "b.pdf", stream(TestFiles.pdf()));
        Attachment photo = files.upload(alice.id(), room.id(), "a.png", stream(TestFiles.png(20, 10)));

        ChatMessage posted = messages.post(alice.id(), room.id(), "  ", List.of(photo.id(), pdf.id()));

        assertThat(posted.body()).isEmpty();
        assertThat(posted.attachments()).containsExactly(photo, pdf);
        ChatMessage plain = messages.post(alice.id(), room.id(), "no files");
        assertThat(plain.attachments()).isEmpty();
        List<ChatMessage> history = messages.latest(bob.id(), room.id(), 10);
        assertThat(history).extracting(ChatMessage::attachments).containsExactly(List.of(photo, pdf), List.of());
        assertThat(files.attachmentsOf(List.of(posted.id().value(), plain.id().value())))
                .containsOnlyKeys(posted.id().value());
        assertThatThrownBy(() -> messages.post(alice.id(), room.id(), " ", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A message cannot be empty");

        ChatMessage edited = messages.edit(alice.id(), posted.id(), "the photo and the invoice");
        assertThat(edited.attachments()).containsExactly(photo, pdf);
        assertThat(messages.edit(alice.id(), edited.id(), "").attachments()).containsExactly(photo, pdf);
        assertThatThrownBy(() -> messages.edit(alice.id(), plain.id(), "")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void only_the_uploaders_pending_files_for_the_room_can_be_attached_and_a_refusal_posts_nothing() {
        UserSummary bob = Fixtures.user(accounts, "bob");
        members.join(bob.id(), room.slug());
        RoomSummary other = rooms.create(alice.id(), "Other " + Fixtures.username("o"), null, false);
        Attachment bobs = files.upload(bob.id(), room.id(), "bob.txt", stream(TestFiles.text("bob")));
        Attachment elsewhere = files.upload(alice.id(), other.id(), "other.txt", stream(TestFiles.text("o")));
        Attachment mine = files.upload(alice.id(), room.id(), "mine.txt", stream(TestFiles.text("m")));
        List<Attachment> four = Stream.generate(
                        () -> files.upload(alice.id(), room.id(), "n.txt", stream(TestFiles.text("n"))))
                .limit(4)
                .toList();

        for (FileId foreign : List.of(bobs.id(), elsewhere.id(), new FileId(Long.MAX_VALUE))) {
            assertThatThrownBy(() -> messages.post(alice.id(), room.id(), "x", List.of(mine.id(), foreign)))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("No such file");
        }
        assertThatThrownBy(() -> messages.post(
                        alice.id(),
                        room.id(),
                        "x",
                        four.stream().map(Attachment::id).toList()))
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_FILES))
                .hasMessage("A message can have at most 3 files; this one has 4");
        assertThat(messages.latest(alice.id(), room.id(), 10)).isEmpty();

        // Every refusal rolled back: "mine" is still pending and can be sent, once.
        ChatMessage sent = messages.post(alice.id(), room.id(), "x", List.of(mine.id()));
        assertThat(sent.attachments()).containsExactly(mine);
        assertThatThrownBy(() -> messages.post(alice.id(), room.id(), "again", List.of(mine.id())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_quota_counts_everything_a_user_stores_and_discarding_frees_it() {
        byte[] nearlyOneMegabyte = new byte[900 * 1024];
        Arrays.fill(nearlyOneMegabyte, (byte) 'q');
        Attachment first = files.upload(alice.id(), room.id(), "1.txt", stream(nearlyOneMegabyte));
        Attachment second = files.upload(alice.id(), room.id(), "2.txt", stream(nearlyOneMegabyte));
        messages.post(alice.id(), room.id(), "two", List.of(first.id(), second.id()));
        Attachment third = files.upload(alice.id(), room.id(), "3.txt", stream(nearlyOneMegabyte));

        assertThatThrownBy(() -> files.upload(alice.id(), room.id(), "4.txt", stream(nearlyOneMegabyte)))
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QUOTA_REACHED))
                .hasMessage("Your storage is full: 4.txt would take you past 3 MB (you have used 2.6 MB)");
        UserSummary bob = Fixtures.user(accounts, "bob");
        members.join(bob.id(), room.slug());
        assertThat(files.upload(bob.id(), room.id(), "4.txt", stream(nearlyOneMegabyte))
                        .size())
                .isEqualTo(nearlyOneMegabyte.length);

        files.discard(alice.id(), third.id());
        assertThat(files.upload(alice.id(), room.id(), "4.txt", stream(nearlyOneMegabyte))
                        .size())
                .isEqualTo(nearlyOneMegabyte.length);
    }

    @Test
    void discarding_removes_a_pending_upload_from_disk_and_nothing_else() throws IOException {
        UserSummary bob = Fixtures.user(accounts, "bob");
        members.join(bob.id(), room.slug());
        Set<String> before = storedNames();
        Attachment photo = files.upload(alice.id(), room.id(), "p.png", stream(TestFiles.png(40, 40)));
        Set<String> photoAndThumbnail = added(before);
        Set<String> beforeSent = storedNames();
        Attachment sent = files.upload(alice.id(), room.id(), "s.txt", stream(TestFiles.text("s")));
        Set<String> sentFile = added(beforeSent);
        messages.post(alice.id(), room.id(), "sent", List.of(sent.id()));

        assertThatThrownBy(() -> files.discard(bob.id(), photo.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.discard(alice.id(), sent.id())).isInstanceOf(NotFoundException.class);
        assertThat(storedNames()).containsAll(photoAndThumbnail);
        files.discard(alice.id(), photo.id());

        assertThat(photoAndThumbnail).hasSize(2);
        assertThat(storedNames()).doesNotContainAnyElementsOf(photoAndThumbnail).containsAll(sentFile);
        assertNoSuchFile(alice, photo.id());
        assertThat(bytes(files.open(alice.id(), sent.id(), false))).isEqualTo(TestFiles.text("s"));
    }

    @Test
    void the_sweep_removes_pending_uploads_past_their_lifetime_and_keeps_sent_ones() {
        Set<String> before = storedNames();
        Attachment pending = files.upload(alice.id(), room.id(), "p.png", stream(TestFiles.png(40, 40)));
        Set<String> pendingAndThumbnail = added(before);
        Attachment sent = files.upload(alice.id(), room.id(), "s.txt", stream(TestFiles.text("s")));
        messages.post(alice.id(), room.id(), "sent", List.of(sent.id()));

        assertThat(files.sweepPending(Instant.now().minus(FileService.PENDING_LIFETIME)))
                .as("nothing is a day old yet")
                .isZero();
        assertThat(storedNames()).containsAll(pendingAndThumbnail);
        assertThat(files.sweepPending(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(pendingAndThumbnail).hasSize(2);
        assertThat(storedNames()).doesNotContainAnyElementsOf(pendingAndThumbnail);
        assertNoSuchFile(alice, pending.id());
        assertThat(bytes(files.open(alice.id(), sent.id(), false))).isEqualTo(TestFiles.text("s"));
    }

    @Test
    void files_a_crash_left_without_a_row_are_swept_after_the_grace_period_and_files_with_rows_never_are()
            throws Exception {
        Set<String> before = storedNames();
        Attachment pending = files.upload(alice.id(), room.id(), "p.png", stream(TestFiles.png(40, 40)));
        Attachment sent = files.upload(alice.id(), room.id(), "s.txt", stream(TestFiles.text("s")));
        messages.post(alice.id(), room.id(), "sent", List.of(sent.id()));
        Set<String> withRows = added(before);
        // What a crash leaves: an upload stored under its storage name (and its thumbnail) whose row never committed,
        // and one interrupted while it was being written.
        String stray = "0123456789abcdef0123456789abcdef";
        storeObject(stray, TestFiles.png(40, 40));
        storeObject(stray + ".thumb", TestFiles.jpeg(40, 40));
        String part = "upload-1234.part";
        Files.write(store.staging(FileStore.UPLOADS).resolve(part), new byte[] {1, 2, 3});
        // Everything so far is older than the cutoff; a bucket may keep times to the second only, so the cutoff is
        // the next whole second, and what comes after is written once it has passed.
        Instant cutoff = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), cutoff).toMillis() + 50));
        // One being uploaded right now, its row not committed yet.
        String uploading = "fedcba9876543210fedcba9876543210";
        storeObject(uploading, new byte[] {4});

        orphans.sweep(cutoff);

        assertThat(withRows).hasSize(3);
        assertThat(storedNames())
                .doesNotContain(stray, stray + ".thumb", part)
                .containsAll(withRows)
                .contains(uploading);
        assertThat(files.open(alice.id(), pending.id(), false).size()).isEqualTo(pending.size());
        assertThat(bytes(files.open(alice.id(), pending.id(), true))).isNotEmpty();
        assertThat(bytes(files.open(alice.id(), sent.id(), false))).isEqualTo(TestFiles.text("s"));
        store.delete(FileStore.key(FileStore.UPLOADS, uploading));
    }

    @Test
    void deleting_a_message_deletes_its_files_from_disk_and_hides_them() {
        UserSummary bob = Fixtures.user(accounts, "bob");
        members.join(bob.id(), room.slug());
        Set<String> before = storedNames();
        Attachment photo = files.upload(alice.id(), room.id(), "p.png", stream(TestFiles.png(40, 40)));
        Attachment pdf = files.upload(alice.id(), room.id(), "d.pdf", stream(TestFiles.pdf()));
        ChatMessage posted = messages.post(alice.id(), room.id(), "both", List.of(photo.id(), pdf.id()));
        Set<String> objects = added(before);

        ChatMessage tombstone = messages.delete(alice.id(), posted.id());

        assertThat(tombstone.attachments()).isEmpty();
        assertThat(objects).as("the photo, its thumbnail and the PDF").hasSize(3);
        assertThat(storedNames()).doesNotContainAnyElementsOf(objects);
        assertNoSuchFile(bob, photo.id());
        assertNoSuchFile(alice, pdf.id());
        assertThat(messages.latest(bob.id(), room.id(), 10).getFirst().attachments())
                .isEmpty();
        assertThat(files.attachmentsOf(List.of(posted.id().value()))).isEmpty();
    }

    @Test
    void deleting_a_room_deletes_its_sent_and_pending_files_from_the_store() {
        Set<String> before = storedNames();
        Attachment photo = files.upload(alice.id(), room.id(), "p.png", stream(TestFiles.png(40, 40)));
        messages.post(alice.id(), room.id(), "sent", List.of(photo.id()));
        Attachment pending = files.upload(alice.id(), room.id(), "later.txt", stream(TestFiles.text("later")));
        Set<String> objects = added(before);

        rooms.delete(alice.id(), room.slug());

        assertThat(objects).as("the photo, its thumbnail and the pending file").hasSize(3);
        assertThat(storedNames()).doesNotContainAnyElementsOf(objects);
        assertNoSuchFile(alice, photo.id());
        assertNoSuchFile(alice, pending.id());
    }

    private void assertRefused(String name, byte[] content, Reason reason, String message) {
        assertThatThrownBy(() -> files.upload(alice.id(), room.id(), name, stream(content)))
                .as(name)
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message);
    }

    private void assertNoSuchFile(UserSummary user, FileId id) {
        assertThatThrownBy(() -> files.open(user.id(), id, false))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such file");
    }

    /** A PNG signature and header of a small image, then garbage where the image data should be. */
    private static byte[] brokenPng() {
        byte[] header = TestFiles.pngDeclaring(10, 10);
        byte[] broken = Arrays.copyOf(header, 33 + 40);
        Arrays.fill(broken, 33, broken.length, (byte) 0x55);
        return broken;
    }

    /** What the store keeps of uploads: its objects, and the files of its staging folder. */
    private Set<String> storedNames() {
        return StoredNames.of(store, FileStore.UPLOADS);
    }

    /** What the store keeps now and did not before. */
    private Set<String> added(Set<String> before) {
        Set<String> now = new HashSet<>(storedNames());
        now.removeAll(before);
        return now;
    }

    /** An object of the uploads area, stored as an upload is: from a file of the staging folder. */
    private void storeObject(String name, byte[] content) throws IOException {
        Path file = Files.createTempFile(store.staging(FileStore.UPLOADS), "test-", ".part");
        Files.write(file, content);
        store.put(file, FileStore.key(FileStore.UPLOADS, name));
    }

    private static byte[] bytes(FileContent content) {
        try (InputStream in = content.content().getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage image(FileContent content) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes(content)));
    }
}
