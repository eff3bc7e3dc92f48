package dev.parley.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Objects as files of the data folder, one folder an area ({@code <data-dir>/uploads/…}, {@code <data-dir>/avatars/…}),
 * as Parley has always kept them. The staging folder of an area is the area's folder itself, so a complete file becomes
 * its object by an atomic rename: no reader ever sees part of one.
 */
final class DataFolderStore implements FileStore {

    /** A key made by Parley: an area, then a name of letters, digits, dots, dashes and underscores. */
    private static final Pattern KEY = Pattern.compile("(uploads|avatars)/[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path root;

    DataFolderStore(Path root) {
        this.root = root;
        for (String area : List.of(UPLOADS, AVATARS)) {
            Path folder = root.resolve(area);
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the " + area + " folder " + folder, e);
            }
        }
    }

    @Override
    public Path staging(String area) {
        return folder(area);
    }

    @Override
    public void put(Path file, String key) throws IOException {
        Files.move(file, path(key), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<Resource> open(String key) {
        Path path = path(key);
        return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public List<StoredObject> list(String area) throws IOException {
        List<StoredObject> found = new ArrayList<>();
        try (DirectoryStream<Path> folder = Files.newDirectoryStream(folder(area))) {
            for (Path file : folder) {
                String name = file.getFileName().toString();
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile() && !name.endsWith(PART_SUFFIX)) {
                    found.add(new StoredObject(
                            name,
                            attributes.size(),
                            attributes.lastModifiedTime().toInstant()));
                }
            }
        }
        return found;
    }

    @Override
    public String describe() {
        return "the data folder " + root;
    }

    /** The file of an object; a key Parley did not make is refused, so that no key can name a path elsewhere. */
    Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Not a key of Parley's files: " + key);
        }
        return root.resolve(key);
    }

    private Path folder(String area) {
        if (!area.equals(UPLOADS) && !area.equals(AVATARS)) {
            throw new IllegalArgumentException("Not an area of Parley's files: " + area);
        }
        return root.resolve(area);
    }
}
