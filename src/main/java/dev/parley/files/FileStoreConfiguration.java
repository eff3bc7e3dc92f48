package dev.parley.files;

import dev.parley.base.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link FileStore}: the bucket of {@code parley.files.s3.*} when an endpoint and a bucket are set (its files
 * staged in {@code <data-dir>/staging}), the data folder otherwise. A bucket that cannot be reached stops the start.
 */
@Configuration(proxyBeanMethods = false)
class FileStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FileStoreConfiguration.class);

    @Bean
    FileStore fileStore(S3Properties s3, DataDirectory dataDirectory) {
        FileStore store = s3.enabled()
                ? S3FileStore.connect(s3, dataDirectory.resolve("staging"))
                : new DataFolderStore(dataDirectory.resolve(""));
        log.info("Uploads and pictures are kept in {}", store.describe());
        return store;
    }
}
