package dev.parley.messages.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.accounts.UserId;
import dev.parley.accounts.UserSummary;
import dev.parley.messages.MessageMarkdown;
import dev.parley.messages.ui.MentionSuggestions.Candidate;
import dev.parley.messages.ui.MentionSuggestions.Completion;
import dev.parley.messages.ui.MentionSuggestions.TypedMention;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MentionSuggestionsTest {

    private final UserSummary me = user(1, "bobcat", "Bob Self");
    private final UserSummary bob = user(2, "bob", "Robert Smith");
    private final UserSummary bobby = user(3, "bobby_t", "Bobby Tables");
    private final UserSummary carol = user(4, "carol", "Bo Carol");
    private final UserSummary dave = user(5, "dave", "Dave");

    @Test
    void matches_the_start_of_the_username_or_the_display_name_ignoring_case() {
        List<Candidate> members = List.of(offline(bob), offline(bobby), offline(carol), offline(dave));

        assertThat(usernames(MentionSuggestions.suggest("BO", members, me.id())))
                .containsExactly("bob", "bobby_t", "carol");
        assertThat(usernames(MentionSuggestions.suggest("rob", members, me.id())))
                .containsExactly("bob");
        assertThat(usernames(MentionSuggestions.suggest("bobb", members, me.id())))
                .containsExactly("bobby_t");
        // Only the start counts: "Smith" is not the start of Robert Smith.
        assertThat(MentionSuggestions.suggest("smi", members, me.id())).isEmpty();
        assertThat(MentionSuggestions.suggest("x", members, me.id())).isEmpty();
    }

    @Test
    void never_suggests_the_viewer() {
        List<Candidate> members = List.of(online(me), offline(bob));

        assertThat(usernames(MentionSuggestions.suggest("bob", members, me.id())))
                .containsExactly("bob");
    }

    @Test
    void online_members_first_then_by_username_and_at_most_six() {
        List<Candidate> members = new ArrayList<>(IntStream.rangeClosed(1, 9)
                .mapToObj(i -> offline(user(10 + i, "member" + i, "Member " + i)))
                .toList());
        members.add(online(user(30, "member8-online", "Zed")));
        members.add(online(dave));

        List<UserSummary> suggested = MentionSuggestions.suggest("", members, me.id());

        assertThat(MentionSuggestions.MAX).isEqualTo(6);
        assertThat(usernames(suggested))
                .containsExactly("dave", "member8-online", "member1", "member2", "member3", "member4");
    }

    @Test
    void finds_the_mention_being_typed_before_the_caret() {
        assertThat(MentionSuggestions.typedBefore("hi @Bo", 6)).contains(new TypedMention(3, 6, "bo"));
        assertThat(MentionSuggestions.typedBefore("@", 1)).contains(new TypedMention(0, 1, ""));
        assertThat(MentionSuggestions.typedBefore("line\n@da", 8)).contains(new TypedMention(5, 8, "da"));
        // The caret decides, not the end of the text.
        assertThat(MentionSuggestions.typedBefore("@bo and more", 3)).contains(new TypedMention(0, 3, "bo"));
        assertThat(MentionSuggestions.typedBefore("@bo and more", 12)).isEmpty();
    }

    @Test
    void no_mention_being_typed_where_a_sent_message_would_not_read_one() {
        // A space ends it; so does a line break (Java's $ would match before one).
        assertThat(MentionSuggestions.typedBefore("@bob ", 5)).isEmpty();
        assertThat(MentionSuggestions.typedBefore("@bob\n", 5)).isEmpty();
        // E-mail addresses, paths and words glued to the @ mention nobody.
        assertThat(MentionSuggestions.typedBefore("mail bob@exa", 12)).isEmpty();
        assertThat(MentionSuggestions.typedBefore("see /@bo", 8)).isEmpty();
        assertThat(MentionSuggestions.typedBefore("@@bo", 4)).isEmpty();
        // A dot is no username character: "@bob.s" is @bob followed by ".s".
        assertThat(MentionSuggestions.typedBefore("@bob.s", 6)).isEmpty();
        // Longer than any username.
        String tooLong = "a".repeat(51);
        assertThat(MentionSuggestions.typedBefore("@" + tooLong, 52)).isEmpty();
        assertThat(MentionSuggestions.typedBefore("", 0)).isEmpty();
        assertThat(MentionSuggestions.typedBefore("@bo", 9)).isEmpty();
    }

    @Test
    void what_is_completed_is_read_as_a_mention_once_sent() {
        String text = "hi @Bo";
        TypedMention typed = MentionSuggestions.typedBefore(text, text.length()).orElseThrow();

        Completion completion = MentionSuggestions.complete(text, typed, "bobby_t");

        assertThat(completion).isEqualTo(new Completion("hi @bobby_t ", 12));
        assertThat(MessageMarkdown.mentionsIn(completion.text())).containsExactly("bobby_t");
    }

    @Test
    void completing_in_the_middle_keeps_the_rest_and_adds_no_second_space() {
        String text = "hi @b there";
        TypedMention typed = MentionSuggestions.typedBefore(text, 5).orElseThrow();

        assertThat(MentionSuggestions.complete(text, typed, "bob")).isEqualTo(new Completion("hi @bob there", 8));
    }

    private static List<String> usernames(List<UserSummary> users) {
        return users.stream().map(UserSummary::username).toList();
    }

    private static Candidate online(UserSummary user) {
        return new Candidate(user, true);
    }

    private static Candidate offline(UserSummary user) {
        return new Candidate(user, false);
    }

    private static UserSummary user(long id, String username, String displayName) {
        return new UserSummary(new UserId(id), username, displayName, null, 0, false);
    }
}
