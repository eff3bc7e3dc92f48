package dev.parley.search.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the committed search index is known to hold: for each room, the room version up to which every message's latest
 * change is in it. Kept in a small file inside the index's own folder, so that it goes when the index goes, and written
 * only after it was checked against the committed index.
 *
 * @param mapping the {@link MessageFields#MAPPING_VERSION} the index was built with
 * @param documents how many documents the committed index held when the watermark was checked: an index found empty
 *     where this says otherwise was replaced, and the watermark is not its own
 * @param rooms room id to room version; a room not named is at version 0
 */
public record IndexWatermark(int mapping, long documents, Map<Long, Long> rooms) {

    /** The file's name: not one of Lucene's own, so Lucene leaves it alone, and dropping the index removes it. */
    public static final String FILE = "parley-watermark";

    private static final String TEMPORARY = FILE + ".tmp";
    private static final String HEADER = "parley search watermark 1";
    private static final Logger log = LoggerFactory.getLogger(IndexWatermark.class);

    public IndexWatermark {
        rooms = Map.copyOf(rooms);
    }

    /** The room version up to which the index holds the room's messages. */
    public long of(long room) {
        return rooms.getOrDefault(room, 0L);
    }

    /** Whether every room is at its latest version here ({@code latest}), and no room named here is gone. */
    public boolean reaches(Map<Long, Long> latest) {
        return latest.entrySet().stream().allMatch(room -> room.getValue() <= of(room.getKey()))
                && latest.keySet().containsAll(rooms.keySet());
    }

    /** A room whose version here is beyond its latest version ({@code latest}), which no change can explain. */
    public Optional<Long> roomAheadOf(Map<Long, Long> latest) {
        return rooms.entrySet().stream()
                .filter(room -> latest.containsKey(room.getKey()) && latest.get(room.getKey()) < room.getValue())
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * The watermark in the index folder; empty when there is none or it cannot be read (then nothing is known of the
     * index, and it is rebuilt).
     */
    public static Optional<IndexWatermark> read(Path indexFolder) {
        Path file = indexFolder.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot read the search index's watermark {}: the index will be rebuilt", file, e);
            return Optional.empty();
        }
        try {
            if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
                throw new IllegalArgumentException("not a watermark file");
            }
            int mapping = Integer.parseInt(value(lines.get(1), "mapping"));
            long documents = Long.parseLong(value(lines.get(2), "documents"));
            Map<Long, Long> rooms = new TreeMap<>();
            for (String line : lines.subList(3, lines.size())) {
                String[] parts = value(line, "room").split(" ");
                rooms.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
            return Optional.of(new IndexWatermark(mapping, documents, rooms));
        } catch (RuntimeException e) {
            log.warn("The search index's watermark {} is damaged ({}): the index will be rebuilt", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Replaces the watermark in the index folder in one step: written to a temporary file, forced to the disk, then
     * moved over the old one, so a crash leaves the old watermark or the new one, never half of one.
     */
    public void write(Path indexFolder) throws IOException {
        StringBuilder text = new StringBuilder(64 + rooms.size() * 16)
                .append(HEADER)
                .append("\nmapping ")
                .append(mapping)
                .append("\ndocuments ")
                .append(documents)
                .append('\n');
        new TreeMap<>(rooms).forEach((room, version) -> text.append("room ")
                .append(room)
                .append(' ')
                .append(version)
                .append('\n'));
        Path temporary = indexFolder.resolve(TEMPORARY);
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(
                temporary,
                indexFolder.resolve(FILE),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forgets what the index holds, before it is rebuilt: a crash during the rebuild then starts it again. */
    public static void delete(Path indexFolder) throws IOException {
        Files.deleteIfExists(indexFolder.resolve(FILE));
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected " + key + ", found: " + line);
        }
        return line.substring(key.length() + 1);
    }
}
