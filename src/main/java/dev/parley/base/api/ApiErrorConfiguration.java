package dev.parley.base.api;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

/** Puts the {@link ApiErrorFilter} in front of every other filter, Spring Security's included. */
@Configuration(proxyBeanMethods = false)
class ApiErrorConfiguration {

    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter(ObjectMapper json) {
        FilterRegistrationBean<ApiErrorFilter> registration = new FilterRegistrationBean<>(new ApiErrorFilter(json));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.addUrlPatterns("/*");
        // Right after the character encoding filter (the highest precedence), before Spring Security's (-100).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
