package dev.parley.files;

import dev.parley.files.FileStore.StoredObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the objects of a data folder (uploads, thumbnails, pictures) into a bucket under the same keys, leaving the
 * folder as it is. What the bucket has already, by key and size, is not copied again, so an interrupted copy is
 * finished by running it again; staging files ({@code .part}) are never copied.
 */
final class S3Migration {

    private final DataFolderStore folder;
    private final S3FileStore bucket;

    S3Migration(DataFolderStore folder, S3FileStore bucket) {
        this.folder = folder;
        this.bucket = bucket;
    }

    /**
     * What was copied.
     *
     * @param uploads uploads and thumbnails copied
     * @param pictures pictures copied
     * @param bytes their bytes
     * @param present objects the bucket had already
     */
    record Copied(int uploads, int pictures, long bytes, int present) {

        int files() {
            return uploads + pictures;
        }

        String describe(FileStore from, FileStore to) {
            return "Copied " + count(files(), "file", "files") + " (" + Attachment.formatSize(bytes) + ") from "
                    + from.describe() + " to " + to.describe() + ": "
                    + count(uploads, "upload or thumbnail", "uploads and thumbnails") + ", "
                    + count(pictures, "picture", "pictures") + "; "
                    + count(present, "file was", "files were") + " in the bucket already.";
        }

        private static String count(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    Copied run() throws IOException {
        int[] copied = new int[2];
        long bytes = 0;
        int present = 0;
        List<String> areas = List.of(FileStore.UPLOADS, FileStore.AVATARS);
        for (int i = 0; i < areas.size(); i++) {
            String area = areas.get(i);
            Map<String, Long> there = new HashMap<>();
            for (StoredObject object : bucket.list(area)) {
                there.put(object.name(), object.size());
            }
            for (StoredObject object : folder.list(area)) {
                Long size = there.get(object.name());
                if (size != null && size == object.size()) {
                    present++;
                    continue;
                }
                String key = FileStore.key(area, object.name());
                bucket.upload(folder.path(key), key);
                copied[i]++;
                bytes += object.size();
            }
        }
        return new Copied(copied[0], copied[1], bytes, present);
    }
}
