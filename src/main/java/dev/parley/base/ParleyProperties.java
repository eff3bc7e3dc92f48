package dev.parley.base;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Instance-wide settings. {@code parley.data-dir} (or {@code PARLEY_DATA_DIR}) is the folder under which Parley
 * keeps everything it stores: the SQLite database now, uploads and the search index later.
 */
@ConfigurationProperties("parley")
public record ParleyProperties(@DefaultValue("./data") Path dataDir) {

    public ParleyProperties {
        dataDir = dataDir.toAbsolutePath().normalize();
    }
}
