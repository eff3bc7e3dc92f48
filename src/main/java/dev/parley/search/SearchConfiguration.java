package dev.parley.search;

import dev.parley.base.DataDirectory;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the search index under the data folder ({@code <data-dir>/index/}) and reports its failures to the catch-up
 * ({@link IndexFailures}); the rest of Hibernate Search's settings are in {@code application.properties}. Each test
 * context has its own data folder, so its own index.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    IndexFailures searchIndexFailures() {
        return new IndexFailures();
    }

    @Bean
    HibernatePropertiesCustomizer searchIndexSettings(DataDirectory dataDirectory, IndexFailures failures) {
        return properties -> {
            properties.put(
                    "hibernate.search.backend.directory.root",
                    dataDirectory.resolve(SearchIndex.FOLDER).toString());
            properties.put("hibernate.search.background_failure_handler", failures);
        };
    }
}
