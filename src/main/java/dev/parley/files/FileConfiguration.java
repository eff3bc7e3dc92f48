package dev.parley.files;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Multipart limits derived from {@link FileProperties}, in place of {@code spring.servlet.multipart.*}: a request may
 * carry a message's files at their largest plus a megabyte of text and framing. No limit per part here, so that a file
 * over {@code max-size} reaches {@link FileService}, which refuses it by name in plain words.
 */
@Configuration(proxyBeanMethods = false)
class FileConfiguration {

    /** Room for the message's text and the multipart framing around the files. */
    static final long REQUEST_OVERHEAD = 1024 * 1024;

    @Bean
    MultipartConfigElement multipartConfigElement(FileProperties properties) {
        long maxRequest = properties.maxFilesPerMessage() * properties.maxSize().toBytes() + REQUEST_OVERHEAD;
        // Parts up to 1 MB stay in memory; larger ones go to the container's temporary folder until the request ends.
        return new MultipartConfigElement("", -1, maxRequest, 1024 * 1024);
    }
}
