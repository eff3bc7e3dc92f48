package dev.parley.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The operations of the REST API as its OpenAPI document lists them, for tests that go through all of them. */
final class OpenApiOperations {

    /** One operation: its method, its path with {@code {name}} placeholders, its parameters and a sample body. */
    record Operation(
            String method,
            String template,
            List<String> pathParams,
            List<String> queryParams,
            @Nullable JsonNode body) {

        String name() {
            return method + " " + template;
        }

        /** The path with each parameter replaced by the value {@code value} gives for its name. */
        String path(java.util.function.Function<String, String> value) {
            String path = template;
            for (String param : pathParams) {
                path = path.replace("{" + param + "}", value.apply(param));
            }
            return path;
        }
    }

    private OpenApiOperations() {}

    static List<Operation> of(JsonNode document, ObjectMapper json) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    String name = parameter.path("name").asString();
                    switch (parameter.path("in").asString()) {
                        case "path" -> pathParams.add(name);
                        case "query" -> queryParams.add(name);
                        default -> {}
                    }
                }
                JsonNode schema = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                operations.add(new Operation(
                        entry.getKey().toUpperCase(),
                        path.getKey(),
                        pathParams,
                        queryParams,
                        schema.isMissingNode() ? null : sample(schema, document, json)));
            }
        }
        return operations;
    }

    /** A value of the schema with every property, each of a plausible value of its type. */
    private static JsonNode sample(JsonNode schema, JsonNode document, ObjectMapper json) {
        JsonNode resolved = resolve(schema, document);
        return switch (resolved.path("type").asString("object")) {
            case "string" -> json.getNodeFactory().stringNode("fuzz");
            case "integer", "number" -> json.getNodeFactory().numberNode(1);
            case "boolean" -> json.getNodeFactory().booleanNode(true);
            case "array" -> json.createArrayNode().add(sample(resolved.path("items"), document, json));
            default -> {
                ObjectNode object = json.createObjectNode();
                for (Map.Entry<String, JsonNode> property :
                        resolved.path("properties").properties()) {
                    object.set(property.getKey(), sample(property.getValue(), document, json));
                }
                yield object;
            }
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        Set<String> seen = new LinkedHashSet<>();
        JsonNode current = schema;
        while (current.has("$ref") && seen.add(current.path("$ref").asString())) {
            JsonNode target = document;
            for (String part :
                    current.path("$ref").asString().replaceFirst("^#/", "").split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }
}
