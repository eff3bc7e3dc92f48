package dev.parley.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.hibernate.search.backend.lucene.lowlevel.directory.impl.LocalFileSystemDirectoryProvider;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryCreationContext;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryHolder;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryProvider;

/**
 * The search index's usual directory under the data folder, whose writes fail with "No space left on device" while
 * {@link #full} is set: a full disk at the index's boundary, as Hibernate Search meets one. Selected with
 * {@code hibernate.search.backend.directory.type=class:dev.parley.search.FullDiskIndexDirectory}.
 */
public class FullDiskIndexDirectory implements DirectoryProvider {

    /** Whether every write to the index fails now. */
    static volatile boolean full;

    @Override
    public DirectoryHolder createDirectoryHolder(DirectoryCreationContext context) {
        DirectoryHolder disk = new LocalFileSystemDirectoryProvider().createDirectoryHolder(context);
        return new DirectoryHolder() {

            private volatile Directory directory;

            @Override
            public void start() throws IOException {
                disk.start();
                directory = new Full(disk.get());
            }

            @Override
            public void close() throws IOException {
                disk.close();
            }

            @Override
            public Directory get() {
                return directory;
            }
        };
    }

    private static final class Full extends FilterDirectory {

        Full(Directory disk) {
            super(disk);
        }

        private static void check() throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            check();
            return super.createOutput(name, context);
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            check();
            return super.createTempOutput(prefix, suffix, context);
        }

        @Override
        public void sync(Collection<String> names) throws IOException {
            check();
            super.sync(names);
        }

        @Override
        public void rename(String source, String dest) throws IOException {
            check();
            super.rename(source, dest);
        }
    }
}
