package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.rooms.RoomId;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RoomFilterTest {

    private static Set<RoomId> rooms(long... ids) {
        return LongStream.of(ids).mapToObj(RoomId::new).collect(Collectors.toSet());
    }

    @Test
    void when_most_rooms_are_searched_the_others_are_excluded_gaps_included() {
        // Rooms 1-10 existed; 4 is private to others and 7 was deleted.
        RoomFilter filter = RoomFilter.of(rooms(1, 2, 3, 5, 6, 8, 9, 10), new RoomId(10));

        assertThat(filter.kind()).isEqualTo(RoomFilter.Kind.ALL_BUT);
        assertThat(filter.rooms()).containsExactly(4L, 7L);
        assertThat(filter.highest()).isEqualTo(10);
    }

    @Test
    void when_every_room_is_searched_nothing_is_excluded_but_rooms_created_since() {
        RoomFilter filter = RoomFilter.of(rooms(1, 2, 3), new RoomId(3));

        assertThat(filter.kind()).isEqualTo(RoomFilter.Kind.ALL_BUT);
        assertThat(filter.rooms()).isEmpty();
        assertThat(filter.highest()).isEqualTo(3);
    }

    @Test
    void when_few_rooms_are_searched_they_are_named() {
        RoomFilter filter = RoomFilter.of(rooms(7, 3), new RoomId(10));

        assertThat(filter.kind()).isEqualTo(RoomFilter.Kind.ONLY);
        assertThat(filter.rooms()).containsExactly(3L, 7L);
    }

    @Test
    void a_room_read_after_the_highest_id_is_searched_only_when_rooms_are_named() {
        // Room 4 was created between reading the highest id (3) and the readable rooms.
        assertThat(RoomFilter.of(rooms(1, 2, 3, 4), new RoomId(3)).kind()).isEqualTo(RoomFilter.Kind.ALL_BUT);
        assertThat(RoomFilter.of(rooms(4), new RoomId(3)).rooms()).containsExactly(4L);
    }

    @Test
    void too_many_rooms_to_exclude_are_named_instead() {
        long highest = 3L * RoomFilter.MAX_EXCLUDED;
        Set<RoomId> scope = LongStream.rangeClosed(1, 2L * RoomFilter.MAX_EXCLUDED - 1)
                .mapToObj(RoomId::new)
                .collect(Collectors.toSet());

        RoomFilter filter = RoomFilter.of(scope, new RoomId(highest));

        assertThat(filter.kind()).isEqualTo(RoomFilter.Kind.ONLY);
        assertThat(filter.rooms()).hasSize(scope.size());
    }
}
