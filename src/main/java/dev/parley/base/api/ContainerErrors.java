package dev.parley.base.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers itself, for a request it refuses before any of Parley sees it (an encoded NUL or a malformed
 * escape in the URL, a header too large): the API's {@code {"error": "…"}} instead of Tomcat's HTML page, so that a
 * client of the REST API always gets JSON. Browsers meet these only with URLs nobody types.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // After Spring Boot's own customizer, which adds Tomcat's ErrorReportValve to the host.
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                // Else the host adds Tomcat's default one when it starts.
                standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
            host.getPipeline().addValve(new JsonErrorReportValve());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes {@code {"error": "Bad Request"}} (the status's reason) where Tomcat writes its HTML error page. */
    public static final class JsonErrorReportValve extends ErrorReportValve {

        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String reason = known == null ? "Error " + status : known.getReasonPhrase();
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"error\":\"" + reason + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the answer already begun: nothing more can be said to this client.
                container.getLogger().debug("Could not write the error answer " + status, e);
            }
        }
    }
}
