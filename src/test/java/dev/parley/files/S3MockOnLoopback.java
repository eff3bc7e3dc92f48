package dev.parley.files;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Starts S3Mock with both of its connectors on 127.0.0.1. Its main connector follows {@code server.address}, but the
 * second, plain HTTP one it adds itself ({@code com.adobe.testing.s3mock.httpPort}) listens on every interface, and
 * servers the tests start bind to 127.0.0.1 only. This runs in S3Mock's JVM, on its Spring Boot 3 and Tomcat 10
 * ({@link S3TestServer} puts this class beside its jar), so it reaches them by reflection, not through this project's
 * Spring Boot 4 types.
 */
public final class S3MockOnLoopback {

    private S3MockOnLoopback() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        Class<?> s3Mock = Class.forName("com.adobe.testing.s3mock.S3MockApplication");
        Class<?> application = Class.forName("org.springframework.boot.SpringApplication");
        Object starter = application.getConstructor(Class[].class).newInstance((Object)
                new Class<?>[] {s3Mock, LoopbackConnectors.class});
        application.getMethod("run", String[].class).invoke(starter, (Object) args);
    }

    /** Sets every additional connector of the web server's factory to 127.0.0.1 before the server starts. */
    public static final class LoopbackConnectors implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!bean.getClass().getName().endsWith("TomcatServletWebServerFactory")) {
                return bean;
            }
            try {
                Collection<?> connectors = (Collection<?>) bean.getClass()
                        .getMethod("getAdditionalTomcatConnectors")
                        .invoke(bean);
                for (Object connector : List.copyOf(connectors)) {
                    Method setProperty = connector.getClass().getMethod("setProperty", String.class, String.class);
                    if (!Boolean.TRUE.equals(setProperty.invoke(connector, "address", "127.0.0.1"))) {
                        throw new IllegalStateException("S3Mock's connector did not take the address 127.0.0.1");
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot bind S3Mock's connectors to 127.0.0.1", e);
            }
            return bean;
        }
    }
}
