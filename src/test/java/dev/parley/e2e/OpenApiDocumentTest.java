package dev.parley.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.parley.accounts.UserSummary;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The REST API's OpenAPI document: produced from the code, valid (checked by swagger-parser), covering every handler of
 * the application under {@code /api/} (and {@code /hooks/}) with its errors; written to {@code target/openapi.json} for
 * CI to keep. Swagger UI is for signed-in browsers.
 */
class OpenApiDocumentTest extends BrowserTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void the_document_is_valid_and_documents_every_api_handler_with_its_errors() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/openapi.json")))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), answer.body(), StandardCharsets.UTF_8);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme())
                .isEqualTo("bearer");
        assertThat(api.getComponents().getSchemas()).containsKey("ApiError");

        List<String> checked = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("dev.parley")) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/hooks/")) {
                    continue;
                }
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    String handler = method + " " + pattern + " (" + entry.getValue() + ")";
                    PathItem item = api.getPaths().get(pattern);
                    assertThat(item).as(handler).isNotNull();
                    Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
                    assertThat(operation).as(handler).isNotNull();
                    assertThat(operation.getSummary()).as(handler).isNotBlank();
                    Map<String, ApiResponse> errors = new java.util.TreeMap<>();
                    operation.getResponses().forEach((code, response) -> {
                        if (code.startsWith("4") || code.startsWith("5")) {
                            errors.put(code, response);
                        }
                    });
                    assertThat(errors).as(handler + " documents its errors").isNotEmpty();
                    errors.forEach((code, response) -> {
                        assertThat(response.getDescription())
                                .as(handler + " " + code)
                                .isNotBlank();
                        MediaType body =
                                response.getContent().values().iterator().next();
                        assertThat(pattern.startsWith("/hooks/")
                                        || "ApiError".equals(body.getSchema().getTitle())
                                        || body.getSchema().get$ref() != null
                                        || body.getSchema().getProperties().containsKey("error"))
                                .as(handler + " " + code + " has the ApiError body")
                                .isTrue();
                    });
                    checked.add(method + " " + pattern);
                }
            }
        }
        // The count guards against the loop finding nothing.
        assertThat(checked).hasSizeGreaterThan(40).contains("POST /hooks/{token}", "GET /api/users/me");
        Operation post = api.getPaths().get("/api/rooms/{slug}/messages").getPost();
        assertThat(post.getResponses()).containsKeys("201", "403", "413", "415", "429");
        assertThat(post.getRequestBody().getContent()).containsKeys("application/json", "multipart/form-data");
        assertThat(api.getPaths().get("/api/auth/token").getPost().getSecurity())
                .isEmpty();
        assertThat(api.getPaths()
                        .get("/hooks/{token}")
                        .getPost()
                        .getResponses()
                        .get("404")
                        .getContent())
                .containsKey("text/plain");
    }

    @Test
    void swagger_ui_is_for_signed_in_users() throws Exception {
        HttpResponse<Void> signedOut = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api-docs")))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));

        UserSummary ada = register("ada");
        Page page = signIn(ada, "/");
        page.navigate(url("/api-docs"));

        assertThat(page.locator(".swagger-ui .info .title")).containsText("Parley API");
        assertThat(page.locator(".swagger-ui .opblock-summary-path[data-path='/api/rooms/{slug}/webhooks']")
                        .first())
                .isVisible();
        assertThat(page.locator(".swagger-ui .btn.authorize")).isVisible();
    }
}
