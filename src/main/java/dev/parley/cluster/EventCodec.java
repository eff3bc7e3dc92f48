package dev.parley.cluster;

import dev.parley.realtime.TopicEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes events as JSON for the other nodes and reads theirs. Only events that are records implementing
 * {@link TopicEvent} cross nodes ({@link #crossesNodes}); a message naming any other type is refused, so nothing but
 * Parley's own event records is ever made from what arrives. Never Java serialisation.
 *
 * <p>A message is {@code {"from": node, "topics": [...], "type": class name, "event": {...}}}, or {@code {"from": node,
 * "resync": true}} when a node could not publish for a while and everyone's views must catch up.
 */
final class EventCodec {

    private final JsonMapper json = JsonMapper.builder()
            // An event's other accessors (a derived getter) are written too, and ignored when read.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final String node;

    EventCodec(String node) {
        this.node = node;
    }

    /** Whether the event goes to the other nodes too; anything else (a clock tick) stays on the node that made it. */
    static boolean crossesNodes(Object event) {
        return event instanceof TopicEvent && event.getClass().isRecord();
    }

    String encode(List<String> topics, Object event) {
        ObjectNode message = json.createObjectNode();
        message.put("from", node);
        message.putPOJO("topics", topics);
        message.put("type", event.getClass().getName());
        message.set("event", json.valueToTree(event));
        return json.writeValueAsString(message);
    }

    String encodeResync() {
        ObjectNode message = json.createObjectNode();
        message.put("from", node);
        message.put("resync", true);
        return json.writeValueAsString(message);
    }

    /**
     * Reads a message of any node, this one included.
     *
     * @throws IllegalArgumentException when it is not a message of this codec or names a type that does not cross nodes
     */
    Decoded decode(String text) {
        JsonNode message = json.readTree(text);
        String from = message.path("from").asString("");
        if (message.path("resync").asBoolean(false)) {
            return new Decoded(from, List.of(), null);
        }
        Class<?> type = eventType(message.path("type").asString(""));
        List<String> topics = json.convertValue(
                message.path("topics"), json.getTypeFactory().constructCollectionType(List.class, String.class));
        Object event = json.treeToValue(message.path("event"), type);
        return new Decoded(from, topics, event);
    }

    private static Class<?> eventType(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, EventCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(
                    "Unknown event type " + name + " (a node of another Parley version?)", e);
        }
        if (!TopicEvent.class.isAssignableFrom(type) || !type.isRecord()) {
            throw new IllegalArgumentException(name + " is not an event that crosses nodes");
        }
        return type;
    }

    /**
     * A message read.
     *
     * @param event null for a request to catch up ({@link #encodeResync()})
     */
    record Decoded(
            String from, List<String> topics, @Nullable Object event) {}
}
