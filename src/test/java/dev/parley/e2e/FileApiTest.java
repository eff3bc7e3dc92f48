package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.UserId;
import dev.parley.e2e.ApiClient.Download;
import dev.parley.e2e.ApiClient.Upload;
import dev.parley.files.Attachment;
import dev.parley.files.FileService;
import dev.parley.files.FileStore;
import dev.parley.files.StoredNames;
import dev.parley.files.TestFiles;
import dev.parley.messages.MessageService;
import dev.parley.rooms.RoomGuard;
import dev.parley.rooms.RoomId;
import dev.parley.rooms.RoomService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Posting files through the REST API and downloading them, over real HTTP, with hostile uploads and outsiders; with the
 * data folder's store here, and again with a bucket ({@link FileApiS3Test}).
 */
@E2eTest
class FileApiTest {

    private static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    FileService files;

    @Autowired
    MessageService messages;

    @Autowired
    RoomService rooms;

    @Autowired
    RoomGuard guard;

    @Autowired
    AccountService accounts;

    @Autowired
    FileStore store;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port, json);
    }

    @Test
    void a_message_with_files_lists_them_and_members_download_them_with_safe_headers() throws Exception {
        String alice = api.token(api.register("alice"));
        String bob = api.token(api.register("bob"));
        String slug = api.createRoom(alice, "Files API", false);
        api.join(bob, slug);
        byte[] photo = TestFiles.png(800, 600);

        ApiClient.Answer posted = api.multipart(
                "/api/rooms/" + slug + "/messages",
                alice,
                "see attached",
                List.of(
                        new Upload("photo.png", "image/png", photo),
                        new Upload("spec.pdf", "application/octet-stream", TestFiles.pdf())));

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.body().path("body").asString()).isEqualTo("see attached");
        JsonNode attachments = posted.body().path("attachments");
        assertThat(attachments.size()).isEqualTo(2);
        JsonNode image = attachments.get(0);
        long imageId = image.path("id").asLong();
        assertThat(image.path("name").asString()).isEqualTo("photo.png");
        assertThat(image.path("mediaType").asString()).isEqualTo("image/png");
        assertThat(image.path("size").asLong()).isEqualTo(photo.length);
        assertThat(image.path("width").asInt()).isEqualTo(800);
        assertThat(image.path("height").asInt()).isEqualTo(600);
        assertThat(image.path("url").asString()).isEqualTo("/api/files/" + imageId);
        assertThat(image.path("thumbnailUrl").asString()).isEqualTo("/api/files/" + imageId + "/thumbnail");
        JsonNode pdf = attachments.get(1);
        assertThat(pdf.path("mediaType").asString()).isEqualTo("application/pdf");
        assertThat(pdf.path("width").asInt()).isZero();
        assertThat(pdf.path("thumbnailUrl").isNull()).isTrue();
        JsonNode history =
                api.call("GET", "/api/rooms/" + slug + "/messages", bob, null).body();
        assertThat(history.get(0)).isEqualTo(posted.body());

        Download original = api.download(image.path("url").asString(), bob);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(photo);
        assertSafeHeaders(original.headers());
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(original.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"photo.png\"; filename*=UTF-8''photo.png");
        assertThat(original.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        String etag = original.headers().firstValue("ETag").orElseThrow();
        assertThat(api.download(image.path("url").asString(), bob, "If-None-Match", etag)
                        .status())
                .isEqualTo(304);

        Download thumbnail = api.download(image.path("thumbnailUrl").asString(), bob);
        assertThat(thumbnail.status()).isEqualTo(200);
        assertSafeHeaders(thumbnail.headers());
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(thumbnail.headers().firstValue("Cache-Control")).hasValue("private, max-age=31536000, immutable");

        Download document = api.download(pdf.path("url").asString(), bob);
        assertThat(document.status()).isEqualTo(200);
        assertSafeHeaders(document.headers());
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(document.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"spec.pdf\"; filename*=UTF-8''spec.pdf");
        assertThat(api.download(pdf.path("url").asString() + "/thumbnail", bob).status())
                .isEqualTo(404);
    }

    @Test
    void outsiders_members_who_left_and_anonymous_clients_get_the_404_of_a_missing_file() throws Exception {
        String aliceName = api.register("alice");
        String alice = api.token(aliceName);
        String bobName = api.register("bob");
        String bob = api.token(bobName);
        String outsider = api.token(api.register("outsider"));
        String open = api.createRoom(alice, "Open files", false);
        String secret = api.createRoom(alice, "Secret files", true);
        api.join(bob, open);
        String publicFile = fileUrl(api.multipart(
                "/api/rooms/" + open + "/messages",
                alice,
                "",
                List.of(new Upload("a.png", "image/png", TestFiles.png(30, 30)))));
        String privateFile = fileUrl(api.multipart(
                "/api/rooms/" + secret + "/messages",
                alice,
                "",
                List.of(new Upload("b.png", "image/png", TestFiles.png(30, 30)))));
        Download missing = api.download("/api/files/" + Long.MAX_VALUE, alice);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.download("/api/files/not-a-number", alice).status()).isEqualTo(404);
        assertThat(api.download(publicFile, bob).status()).isEqualTo(200);

        api.call("POST", "/api/rooms/" + open + "/leave", bob, null);

        for (String url : List.of(publicFile, privateFile)) {
            for (String path : List.of(url, url + "/thumbnail", url.substring("/api".length()))) {
                for (String token : new String[] {outsider, bob, null}) {
                    Download answer = api.download(path, token);
                    assertThat(answer.status()).as(path).isEqualTo(404);
                    assertThat(answer.body()).as(path).isEqualTo(missing.body());
                    assertThat(answer.headers().firstValue("Location")).isEmpty();
                }
            }
        }
        assertThat(api.download(privateFile, alice).status()).isEqualTo(200);
    }

    @Test
    void hostile_uploads_are_refused_with_the_right_status_and_nothing_is_posted_or_kept() throws Exception {
        String alice = api.token(api.register("alice"));
        String outsider = api.token(api.register("outsider"));
        String slug = api.createRoom(alice, "Hostile files", false);
        String path = "/api/rooms/" + slug + "/messages";
        long storedBefore = storedFiles();

        ApiClient.Answer html = api.multipart(
                path,
                alice,
                "x",
                List.of(
                        new Upload("ok.txt", "text/plain", TestFiles.text("fine")),
                        new Upload("invoice.png", "image/png", TestFiles.html())));
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.error()).isEqualTo("invoice.png: its content does not match its name");

        ApiClient.Answer svg = api.multipart(
                path, alice, "x", List.of(new Upload("logo.svg", "image/svg+xml", TestFiles.svgWithScript())));
        assertThat(svg.status()).isEqualTo(415);
        assertThat(svg.error()).isEqualTo("logo.svg: this type of file is not allowed");

        ApiClient.Answer damaged = api.multipart(
                path,
                alice,
                "x",
                List.of(new Upload(
                        "report.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        TestFiles.brokenZip())));
        assertThat(damaged.status()).isEqualTo(415);
        assertThat(damaged.error()).isEqualTo("report.docx is not a valid Word document (the file is damaged)");

        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) 'x');
        ApiClient.Answer large =
                api.multipart(path, alice, "x", List.of(new Upload("big.txt", "text/plain", tooLarge)));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("big.txt is too large; files can be at most 10 MB");

        ApiClient.Answer huge = api.multipart(
                path,
                alice,
                "x",
                List.of(new Upload("huge.png", "image/png", TestFiles.pngDeclaring(100_000, 100_000))));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.error()).isEqualTo("huge.png is 100000 × 100000 pixels; images can be at most 50 megapixels");

        List<Upload> four = Stream.of("1", "2", "3", "4")
                .map(n -> new Upload(n + ".txt", "text/plain", TestFiles.text(n)))
                .toList();
        ApiClient.Answer tooMany = api.multipart(path, alice, "x", four);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).isEqualTo("A message can have at most 3 files; this one has 4");

        ApiClient.Answer empty = api.multipart(path, alice, "  ", List.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).isEqualTo("A message cannot be empty");

        ApiClient.Answer notMember =
                api.multipart(path, outsider, "x", List.of(new Upload("a.txt", "text/plain", TestFiles.text("a"))));
        assertThat(notMember.status()).isEqualTo(403);
        assertThat(notMember.error()).isEqualTo("Join the room to post in it");

        assertThat(api.call("GET", path, alice, null).body().size()).isZero();
        assertThat(storedFiles()).isEqualTo(storedBefore);

        ApiClient.Answer traversal = api.multipart(
                path, alice, "", List.of(new Upload("../../../evil.txt", "text/plain", TestFiles.text("hi"))));
        assertThat(traversal.status()).isEqualTo(201);
        assertThat(traversal.body().path("attachments").get(0).path("name").asString())
                .isEqualTo("evil.txt");
    }

    @Test
    void hostile_names_reach_the_download_header_only_encoded() throws Exception {
        String aliceName = api.register("alice");
        String alice = api.token(aliceName);
        String slug = api.createRoom(alice, "Names", false);
        UserId aliceId = accounts.findByUsername(aliceName).orElseThrow().id();
        RoomId room = guard.requireReadable(aliceId, slug);
        String crlf = "report\r\nSet-Cookie: stolen=1\r\n\u202Etxt.exe.txt";
        String nul = "a\u0000b\\..\\c ü.txt";
        Attachment first = files.upload(aliceId, room, crlf, TestFiles.stream(TestFiles.text("one")));
        Attachment second = files.upload(aliceId, room, nul, TestFiles.stream(TestFiles.text("two")));
        messages.post(aliceId, room, "", List.of(first.id(), second.id()));

        Download one = api.download("/api" + first.url(), alice);
        assertThat(one.status()).isEqualTo(200);
        String disposition = one.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).doesNotContain("\r", "\n").startsWith("attachment; ");
        assertThat(disposition).contains("filename=\"reportSet-Cookie: stolen=1txt.exe.txt\"");
        assertThat(one.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(new String(one.body(), StandardCharsets.UTF_8)).isEqualTo("one");

        Download two = api.download("/api" + second.url(), alice);
        assertThat(two.headers().firstValue("Content-Disposition"))
                // An ASCII fallback for old clients, and the exact name per RFC 5987.
                .hasValue("attachment; filename=\"c ue.txt\"; filename*=UTF-8''c%20%C3%BC.txt");
    }

    @Test
    void a_long_file_name_is_shortened_keeping_its_extension_and_a_name_too_long_to_read_says_so() throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Long names", false);
        String path = "/api/rooms/" + slug + "/messages";
        String longName = "quarterly-report-".repeat(35) + "final.txt";

        ApiClient.Answer posted =
                api.multipart(path, alice, "", List.of(new Upload(longName, "text/plain", TestFiles.text("abc"))));

        assertThat(longName).hasSizeGreaterThan(600);
        assertThat(posted.status()).isEqualTo(201);
        String stored = posted.body().path("attachments").get(0).path("name").asString();
        assertThat(stored).hasSize(255).endsWith(".txt").isEqualTo(longName.substring(0, 251) + ".txt");
        assertThat(posted.body().path("attachments").get(0).path("size").asLong())
                .isEqualTo(3);

        // Past what the server reads of a part's headers: a name of 20,000 characters (no file system has one).
        ApiClient.Answer unreadable = api.multipart(
                path, alice, "", List.of(new Upload("n".repeat(20_000) + ".txt", "text/plain", TestFiles.text("abc"))));

        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.error())
                .isEqualTo("A file name is too long: the request's file names can be at most 16 KB (they are shortened"
                        + " to 255 characters once read)");
        assertThat(api.call("GET", path, alice, null).body().size()).isEqualTo(1);
    }

    @Test
    void a_request_declaring_more_than_a_messages_files_can_be_is_refused_with_413_before_it_is_read()
            throws Exception {
        String alice = api.token(api.register("alice"));
        String slug = api.createRoom(alice, "Flood", false);
        long declared = 40L * 1024 * 1024;

        // A raw socket: the server answers from the declared length alone and then closes the connection, which some
        // HTTP clients report as a broken upload instead of reading the answer.
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/rooms/" + slug + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + alice + "\r\n"
                            + "Content-Type: multipart/form-data; boundary=flood\r\n"
                            + "Content-Length: " + declared + "\r\n\r\n--flood\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = readAnswer(socket.getInputStream());
        }

        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer)
                .contains("{\"error\":\"The request is too large: a message can carry at most 3 files of 10 MB\"}");
        assertThat(api.call("GET", "/api/rooms/" + slug + "/messages", alice, null)
                        .body()
                        .size())
                .isZero();
    }

    /**
     * Reads one HTTP answer up to the end of its body (its last chunk), without waiting for the connection to close.
     */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            read.write(buffer, 0, n);
            // Tomcat sends the JSON error chunked: the zero-length chunk ends it.
            if (read.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static void assertSafeHeaders(HttpHeaders headers) {
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.firstValue("Content-Security-Policy")).hasValue(SANDBOX);
    }

    private static String fileUrl(ApiClient.Answer posted) {
        assertThat(posted.status()).isEqualTo(201);
        return posted.body().path("attachments").get(0).path("url").asString();
    }

    /** What the store keeps of uploads, the data folder's or a bucket's: its objects and its staging files. */
    private long storedFiles() {
        return StoredNames.of(store, FileStore.UPLOADS).size();
    }
}
