package dev.parley.search;

import dev.parley.base.DataDirectory;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the search index under the data folder ({@code <data-dir>/index/}); the rest of Hibernate Search's settings are
 * in {@code application.properties}. Each test context has its own data folder, so its own index.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    HibernatePropertiesCustomizer searchIndexDirectory(DataDirectory dataDirectory) {
        return properties -> properties.put(
                "hibernate.search.backend.directory.root",
                dataDirectory.resolve(SearchIndex.FOLDER).toString());
    }
}
