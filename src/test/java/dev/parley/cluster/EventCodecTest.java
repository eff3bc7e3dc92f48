package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.realtime.ClockTick;
import dev.parley.realtime.TopicEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every event that crosses nodes survives the trip as JSON: each {@link TopicEvent} record of the application, filled
 * with sample values (and once more with null wherever a component may be null), is read back equal. A new event type
 * is covered without touching this test, and one that JSON cannot carry fails it.
 */
class EventCodecTest {

    private final EventCodec codec = new EventCodec("node-1");

    static Stream<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(TopicEvent.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.parley")) {
            types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), EventCodecTest.class.getClassLoader()));
        }
        return types.stream();
    }

    @Test
    void finds_the_applications_events() {
        assertThat(eventTypes().map(Class::getSimpleName))
                .contains("MessagePosted", "RoomUpdated", "MembershipChanged", "PresenceChanged", "TypingChanged")
                .hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void every_event_reads_back_equal(Class<?> type) throws ReflectiveOperationException {
        assertThat(type.isRecord()).as(type + " crosses nodes as a record").isTrue();
        for (boolean nulls : List.of(false, true)) {
            Object event = sample(type, nulls);
            List<String> topics = ((TopicEvent) event).topics();

            EventCodec.Decoded decoded = new EventCodec("node-2").decode(codec.encode(topics, event));

            assertThat(decoded.from()).isEqualTo("node-1");
            assertThat(decoded.topics()).isEqualTo(topics);
            assertThat(decoded.event()).isEqualTo(event);
        }
    }

    @Test
    void a_request_to_catch_up_carries_no_event() {
        EventCodec.Decoded decoded = codec.decode(codec.encodeResync());

        assertThat(decoded.event()).isNull();
        assertThat(decoded.from()).isEqualTo("node-1");
    }

    @Test
    void only_event_records_cross_nodes() {
        assertThat(EventCodec.crossesNodes(new ClockTick(Instant.EPOCH))).isFalse();
        assertThatThrownBy(() -> codec.decode("""
                        {"from":"x","topics":["clock"],"type":"dev.parley.realtime.ClockTick","event":{"now":0}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an event that crosses nodes");
        assertThatThrownBy(() -> codec.decode("""
                        {"from":"x","topics":["t"],"type":"java.io.File","event":{"path":"/etc/passwd"}}""")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("""
                        {"from":"x","topics":["t"],"type":"dev.parley.NoSuchEvent","event":{}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown event type");
    }

    /** A record of the type, every component a sample of its type; with {@code nulls}, null where it may be. */
    private static Object sample(Class<?> type, boolean nulls) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            boolean nullable = component.isAnnotationPresent(Nullable.class)
                    || component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                    || Arrays.stream(component.getAnnotations())
                            .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
            values[i] = nulls && nullable ? null : value(component.getGenericType(), nulls);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }

    private static Object value(Type type, boolean nulls) throws ReflectiveOperationException {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Object element = value(generic.getActualTypeArguments()[0], nulls);
            if (raw == List.class) {
                return List.of(element);
            }
            if (raw == Set.class) {
                return Set.of(element);
            }
            throw new IllegalArgumentException("No sample of " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == long.class || raw == Long.class) {
            return 42L;
        }
        if (raw == int.class || raw == Integer.class) {
            return 7;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == String.class) {
            return "Ünïcode <b>&amp;</b> \"quoted\" 🎉";
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-12-07T10:15:30.123456Z");
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (raw.isRecord()) {
            return sample(raw, nulls);
        }
        throw new IllegalArgumentException("No sample of " + type + ": add one, or make the event carry simpler types");
    }
}
