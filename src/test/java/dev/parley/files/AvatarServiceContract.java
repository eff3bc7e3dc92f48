package dev.parley.files;

import static dev.parley.files.TestFiles.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.accounts.UserProfileChanged;
import dev.parley.accounts.UserSummary;
import dev.parley.base.NotFoundException;
import dev.parley.files.FileRefusedException.Reason;
import dev.parley.realtime.Broadcaster;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Users' pictures: uploads become squares of {@link AvatarService#SIZE}, hostile ones are refused like room uploads,
 * and every change takes a new version. Run on SQLite, H2 and PostgreSQL with the data folder's store, and on SQLite
 * with a bucket of S3Mock ({@code AvatarServiceS3Test}), by the subclasses, with a 1 MB file limit and image decoders
 * that an upload waits for at most a second.
 */
@TestPropertySource(properties = {"parley.files.max-size=1MB", "parley.files.image-decoder-wait=1s"})
abstract class AvatarServiceContract {

    @Autowired
    AvatarService avatars;

    @Autowired
    AccountService accounts;

    @Autowired
    FileStore store;

    @Autowired
    Broadcaster broadcaster;

    @Autowired
    ApplicationContext context;

    private UserSummary ada;

    @BeforeEach
    void adaHasAnAccount() {
        ada = Fixtures.user(accounts, "ada");
    }

    @Test
    void a_picture_waits_for_a_busy_decoder_and_is_refused_in_words_after_the_wait_keeping_the_old_one()
            throws Exception {
        UserSummary first = avatars.upload(ada.id(), "first.png", stream(TestFiles.png(40, 40)));
        AtomicInteger waits = new AtomicInteger();

        try (BusyDecoders busy = BusyDecoders.hold(context)) {
            assertThatThrownBy(() ->
                            avatars.upload(ada.id(), "me.png", stream(TestFiles.png(300, 300)), waits::incrementAndGet))
                    .isInstanceOf(DecodersBusyException.class)
                    .hasMessage("The server is busy with other images: me.png was not stored. Try again in 1 s");
        }

        assertThat(waits).hasValue(1);
        assertThat(accounts.summary(ada.id())).isEqualTo(first);
        assertThat(avatars.open(ada.id()).version()).isEqualTo(first.avatarVersion());
        assertThat(avatars.upload(ada.id(), "me.png", stream(TestFiles.png(300, 300)), waits::incrementAndGet)
                        .avatarVersion())
                .isEqualTo(first.avatarVersion() + 1);
        assertThat(waits).as("a free decoder is taken at once").hasValue(1);
    }

    @Test
    void a_wide_png_becomes_its_centre_square_at_the_stored_size_under_a_server_made_name() throws IOException {
        // Red, blue and green thirds: the centre square is the blue one.
        UserSummary changed = avatars.upload(ada.id(), "../../holiday.png", stream(thirds(900, 300)));

        assertThat(changed.avatarVersion()).isEqualTo(1);
        assertThat(changed.avatarUrl()).isEqualTo("/avatars/" + ada.id().value() + "?v=1");
        assertThat(accounts.summary(ada.id())).isEqualTo(changed);
        AvatarService.Picture picture = avatars.open(ada.id());
        assertThat(picture.mediaType()).isEqualTo("image/jpeg");
        assertThat(picture.version()).isEqualTo(1);
        byte[] stored = bytes(picture);
        assertThat(picture.size()).isEqualTo(stored.length);
        BufferedImage square = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(square.getWidth()).isEqualTo(AvatarService.SIZE);
        assertThat(square.getHeight()).isEqualTo(AvatarService.SIZE);
        for (int[] point : new int[][] {{2, 2}, {128, 128}, {253, 253}, {2, 253}}) {
            Color colour = new Color(square.getRGB(point[0], point[1]));
            assertThat(colour.getBlue())
                    .as("blue at %s", List.of(point[0], point[1]))
                    .isGreaterThan(200);
            assertThat(colour.getRed()).isLessThan(40);
            assertThat(colour.getGreen()).isLessThan(40);
        }
        assertThat(storedNames()).containsExactly(ada.id().value() + "-1.jpg");
    }

    @Test
    void a_tall_jpeg_and_a_small_transparent_png_work_and_the_png_keeps_its_transparency() throws IOException {
        UserSummary fromJpeg = avatars.upload(ada.id(), "portrait.jpg", stream(TestFiles.jpeg(300, 600)));
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(bytes(avatars.open(ada.id()))));
        assertThat(fromJpeg.avatarVersion()).isEqualTo(1);
        assertThat(jpeg.getWidth()).isEqualTo(AvatarService.SIZE);
        assertThat(jpeg.getHeight()).isEqualTo(AvatarService.SIZE);

        UserSummary fromPng = avatars.upload(ada.id(), "icon.png", stream(TestFiles.transparentPng(64, 32)));
        AvatarService.Picture picture = avatars.open(ada.id());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes(picture)));

        assertThat(fromPng.avatarVersion()).isEqualTo(2);
        assertThat(picture.mediaType()).isEqualTo("image/png");
        assertThat(png.getColorModel().hasAlpha()).isTrue();
        // Small images are enlarged: a picture is always the same size.
        assertThat(png.getWidth()).isEqualTo(AvatarService.SIZE);
        assertThat(png.getHeight()).isEqualTo(AvatarService.SIZE);
        // The replaced picture is gone.
        assertThat(storedNames()).containsExactly(ada.id().value() + "-2.png");
    }

    @Test
    void html_named_png_another_type_an_unreadable_image_and_an_empty_file_are_refused_and_nothing_is_kept() {
        assertRefused(
                "me.png", TestFiles.html(), Reason.CONTENT_MISMATCH, "me.png: its content does not match its name");
        assertRefused(
                "me.svg",
                TestFiles.svgWithScript(),
                Reason.TYPE_NOT_ALLOWED,
                "me.svg: a picture must be a PNG, JPEG, GIF or WebP image");
        assertRefused(
                "cv.pdf",
                TestFiles.pdf(),
                Reason.TYPE_NOT_ALLOWED,
                "cv.pdf: a picture must be a PNG, JPEG, GIF or WebP image");
        byte[] truncated = Arrays.copyOf(TestFiles.png(400, 400), 60);
        assertRefused("cut.png", truncated, Reason.CONTENT_MISMATCH, "cut.png: this image cannot be read");
        assertRefused("empty.png", new byte[0], Reason.EMPTY, "empty.png is empty");
    }

    @Test
    void an_image_declaring_100000_by_100000_pixels_is_refused_from_its_header_without_decoding() {
        byte[] huge = TestFiles.pngDeclaring(100_000, 100_000);
        long start = System.nanoTime();

        assertRefused(
                "huge.png",
                huge,
                Reason.TOO_MANY_PIXELS,
                "huge.png is 100000 × 100000 pixels; images can be at most 50 megapixels");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_file_over_the_size_limit_is_refused_while_it_streams() {
        assertThatThrownBy(() -> avatars.upload(ada.id(), "big.png", TestFiles.textOfSize(1024 * 1024 + 1)))
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("big.png is too large; files can be at most 1 MB");
        assertThat(accounts.summary(ada.id()).avatarVersion()).isZero();
        assertThat(storedNames()).isEmpty();
    }

    @Test
    void a_refused_upload_keeps_the_picture_the_user_had() {
        avatars.upload(ada.id(), "me.png", stream(TestFiles.png(100, 100)));

        assertThatThrownBy(() -> avatars.upload(ada.id(), "me.png", stream(TestFiles.html())))
                .isInstanceOf(FileRefusedException.class);

        assertThat(accounts.summary(ada.id()).avatarVersion()).isEqualTo(1);
        assertThat(avatars.open(ada.id()).version()).isEqualTo(1);
    }

    @Test
    void removing_goes_back_to_initials_and_a_later_picture_never_reuses_a_version() {
        avatars.upload(ada.id(), "one.png", stream(TestFiles.png(100, 100)));

        UserSummary removed = avatars.remove(ada.id());

        assertThat(removed.avatarVersion()).isZero();
        assertThat(removed.avatarUrl()).isNull();
        assertThat(accounts.summary(ada.id()).avatarUrl()).isNull();
        assertThatThrownBy(() -> avatars.open(ada.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such picture");
        assertThat(storedNames()).isEmpty();
        // Removing again changes nothing.
        assertThat(avatars.remove(ada.id())).isEqualTo(removed);

        UserSummary again = avatars.upload(ada.id(), "two.png", stream(TestFiles.png(100, 100)));

        // Version 1 was the first picture, 2 its removal: a browser that cached ?v=1 never shows it for the new one.
        assertThat(again.avatarVersion()).isEqualTo(3);
        assertThat(again.avatarUrl()).endsWith("?v=3");
    }

    @Test
    void a_user_without_a_picture_and_a_user_who_does_not_exist_have_none() {
        assertThatThrownBy(() -> avatars.open(ada.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No such picture");
        assertThatThrownBy(() -> avatars.open(new UserId(Long.MAX_VALUE))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_new_picture_and_its_removal_are_announced_with_the_new_summary() throws InterruptedException {
        BlockingQueue<Object> everyone = new LinkedBlockingQueue<>();
        try (var subscription = broadcaster.subscribe(UserProfileChanged.TOPIC, everyone::add)) {
            UserSummary uploaded = avatars.upload(ada.id(), "me.png", stream(TestFiles.png(100, 100)));
            UserSummary removed = avatars.remove(ada.id());

            assertThat(next(everyone, uploaded)).isEqualTo(new UserProfileChanged(uploaded));
            assertThat(next(everyone, removed)).isEqualTo(new UserProfileChanged(removed));
        }
    }

    /** The next announcement about Ada (other tests' users may be announced on the same topic meanwhile). */
    private Object next(BlockingQueue<Object> queue, UserSummary expected) throws InterruptedException {
        while (true) {
            Object event = queue.poll(5, TimeUnit.SECONDS);
            assertThat(event).as("an announcement of %s", expected).isNotNull();
            if (event instanceof UserProfileChanged changed
                    && changed.user().id().equals(ada.id())) {
                return event;
            }
        }
    }

    private void assertRefused(String name, byte[] content, Reason reason, String message) {
        assertThatThrownBy(() -> avatars.upload(ada.id(), name, stream(content)))
                .isInstanceOfSatisfying(
                        FileRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message);
        assertThat(accounts.summary(ada.id()).avatarVersion()).isZero();
        assertThat(storedNames()).isEmpty();
    }

    /** Ada's pictures in the store, and every temporary file of its staging folder. */
    private Set<String> storedNames() {
        String prefix = ada.id().value() + "-";
        return StoredNames.of(store, FileStore.AVATARS).stream()
                .filter(name -> name.startsWith(prefix) || name.endsWith(".part"))
                .collect(Collectors.toSet());
    }

    private static byte[] bytes(AvatarService.Picture picture) throws IOException {
        try (InputStream in = picture.content().getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** A PNG in three vertical thirds: red, blue, green. */
    private static byte[] thirds(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.RED);
            g.fillRect(0, 0, width / 3, height);
            g.setColor(Color.BLUE);
            g.fillRect(width / 3, 0, width / 3, height);
            g.setColor(Color.GREEN);
            g.fillRect(2 * width / 3, 0, width - 2 * width / 3, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
