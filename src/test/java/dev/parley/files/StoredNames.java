package dev.parley.files;

import dev.parley.files.FileStore.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** What a {@link FileStore} holds of an area, as the tests check it on the data folder and on a bucket alike. */
public final class StoredNames {

    private StoredNames() {}

    /** The names of the area's objects, and of the files in its staging folder ({@code .part}): all that is kept. */
    public static Set<String> of(FileStore store, String area) {
        Set<String> names = new HashSet<>();
        try {
            for (StoredObject object : store.list(area)) {
                names.add(object.name());
            }
            try (Stream<Path> staging = Files.list(store.staging(area))) {
                staging.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(FileStore.PART_SUFFIX))
                        .forEach(names::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
