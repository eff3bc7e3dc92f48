package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Fixtures;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountTestData;
import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.UserSummary;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.InvalidInputException;
import dev.parley.base.NotAllowedException;
import dev.parley.base.NotFoundException;
import dev.parley.base.SecretTokens;
import dev.parley.base.TooLargeException;
import dev.parley.messages.ChatMessage;
import dev.parley.messages.MessagePosted;
import dev.parley.messages.MessageService;
import dev.parley.messages.WebhookSender;
import dev.parley.realtime.Broadcaster.Subscription;
import dev.parley.realtime.LocalBroadcaster;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.Memberships;
import dev.parley.rooms.RoomRole;
import dev.parley.rooms.RoomService;
import dev.parley.rooms.RoomSummary;
import dev.parley.rooms.reading.ReadPositions;
import dev.parley.webhooks.internal.WebhookRepository;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** Incoming webhooks: managing them and posting through them; run on SQLite and on H2 by the subclasses. */
abstract class WebhookServiceContract {

    @Autowired
    WebhookService webhooks;

    @Autowired
    ReadPositions reading;

    @Autowired
    RoomService rooms;

    @Autowired
    Memberships members;

    @Autowired
    MessageService messages;

    @Autowired
    AccountService accounts;

    @Autowired
    InstanceAdministration administration;

    @Autowired
    LocalBroadcaster broadcaster;

    @Autowired
    WebhookRepository repository;

    @Autowired
    InviteService invites;

    @Autowired
    UserRepository users;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void an_admin_creates_a_webhook_whose_token_is_shown_once_and_stored_only_as_its_hash() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Builds " + Fixtures.username("b"), null, false);

        NewWebhook created = webhooks.create(admin.id(), room.slug(), "  CI server ");

        assertThat(created.token()).startsWith("wh_");
        assertThat(created.path()).isEqualTo("hooks/" + created.token());
        assertThat(created.webhook().name()).isEqualTo("CI server");
        assertThat(created.webhook().createdBy().id()).isEqualTo(admin.id());
        assertThat(created.webhook().lastUsedAt()).isNull();
        assertThat(created.webhook().active()).isTrue();
        assertThat(repository.findByTokenHashAndRevokedAtIsNull(SecretTokens.hash(created.token())))
                .hasValueSatisfying(webhook ->
                        assertThat(webhook.id()).isEqualTo(created.webhook().id()));
        assertThat(webhooks.list(admin.id(), room.slug()))
                .extracting(WebhookInfo::id, WebhookInfo::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(created.webhook().id(), "CI server"));
    }

    @Test
    void only_the_rooms_admins_manage_webhooks_and_a_private_room_stays_hidden() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary member = Fixtures.user(accounts, "member");
        UserSummary stranger = Fixtures.user(accounts, "stranger");
        RoomSummary open = rooms.create(admin.id(), "Open " + Fixtures.username("o"), null, false);
        RoomSummary hidden = rooms.create(admin.id(), "Hidden " + Fixtures.username("h"), null, true);
        members.join(member.id(), open.slug());
        long id = webhooks.create(admin.id(), open.slug(), "Alerts").webhook().id();

        assertThatThrownBy(() -> webhooks.create(member.id(), open.slug(), "Mine"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Only the room's admins can manage its webhooks");
        assertThatThrownBy(() -> webhooks.list(member.id(), open.slug())).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> webhooks.rename(member.id(), open.slug(), id, "x"))
                .isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> webhooks.revoke(member.id(), open.slug(), id)).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> webhooks.create(stranger.id(), hidden.slug(), "Mine"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> webhooks.list(stranger.id(), hidden.slug())).isInstanceOf(NotFoundException.class);
        // A webhook of another room is not this room's.
        assertThatThrownBy(() -> webhooks.revoke(admin.id(), hidden.slug(), id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> webhooks.create(admin.id(), open.slug(), "   "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Webhook name must be 1 to 64 characters");
        assertThatThrownBy(() -> webhooks.create(admin.id(), open.slug(), "x".repeat(65)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_post_through_the_webhook_reaches_the_room_live_shown_as_the_webhook() throws Exception {
        UserSummary admin = Fixtures.user(accounts, "admin");
        UserSummary reader = Fixtures.user(accounts, "reader");
        RoomSummary room = rooms.create(admin.id(), "Deploys " + Fixtures.username("d"), null, false);
        members.join(reader.id(), room.slug());
        NewWebhook created = webhooks.create(admin.id(), room.slug(), "Deploy bot");
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        ChatMessage posted;
        try (Subscription ignored = messages.subscribe(reader.id(), room.id(), events::add)) {

            posted = webhooks.post(
                    created.token(),
                    new SlackPayload("Deployed *build 42* @" + reader.username(), null, "https://ci.example/bot.png"));

            Object event = events.poll(5, TimeUnit.SECONDS);
            assertThat(event).isInstanceOfSatisfying(MessagePosted.class, p -> assertThat(p.message())
                    .isEqualTo(posted));
        }
        assertThat(posted.author().id()).isEqualTo(admin.id());
        assertThat(posted.webhook())
                .isEqualTo(new WebhookSender(created.webhook().id(), "Deploy bot", "https://ci.example/bot.png"));
        assertThat(posted.mentions()).containsExactly(reader.username());
        // Nobody's own: unread for the admin who set it up too, and it mentions whoever it names.
        assertThat(reading.readPositions(admin.id()).get(room.id()).unread()).isEqualTo(1);
        assertThat(messages.mentions(reader.id(), 10)).hasSize(1);
        assertThat(messages.latest(reader.id(), room.id(), 10).getLast().webhook())
                .isEqualTo(posted.webhook());
        assertThat(webhooks.list(admin.id(), room.slug()).getFirst().lastUsedAt())
                .isNotNull();
        assertThatThrownBy(() -> messages.edit(admin.id(), posted.id(), "changed"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Messages posted by a webhook cannot be edited");
        // Its creator, as an admin, can still remove it.
        assertThat(messages.delete(admin.id(), posted.id()).deleted()).isTrue();
    }

    @Test
    void the_payloads_name_is_shown_and_only_https_pictures_are_kept() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Alerts " + Fixtures.username("a"), null, false);
        String token = webhooks.create(admin.id(), room.slug(), "Alertmanager").token();

        ChatMessage named = webhooks.post(token, new SlackPayload("firing", "Prometheus", "http://insecure/p.png"));
        ChatMessage tracking = webhooks.post(token, new SlackPayload("firing", " ", "javascript:alert(1)"));
        ChatMessage longName = webhooks.post(token, new SlackPayload("firing", "n".repeat(100), null));

        assertThat(named.webhook().name()).isEqualTo("Prometheus");
        assertThat(named.webhook().iconUrl()).isNull();
        assertThat(tracking.webhook().name()).isEqualTo("Alertmanager");
        assertThat(tracking.webhook().iconUrl()).isNull();
        assertThat(longName.webhook().name()).hasSize(64).endsWith("…");
        assertThat(WebhookService.iconUrl("https://user:pw@host/x.png")).isNull();
        assertThat(WebhookService.iconUrl("HTTPS://grafana.example/i.png")).isEqualTo("HTTPS://grafana.example/i.png");
    }

    @Test
    void a_webhook_name_cannot_hide_direction_changes_and_a_payloads_name_loses_them() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Spoofs " + Fixtures.username("s"), null, false);
        NewWebhook created = webhooks.create(admin.id(), room.slug(), "CI");

        assertThatThrownBy(() -> webhooks.create(admin.id(), room.slug(), "Deploy\u202Eyolpeded"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Webhook name must not contain invisible or direction-changing characters (it has U+202E)");
        assertThatThrownBy(() -> webhooks.rename(
                        admin.id(), room.slug(), created.webhook().id(), "C\u200BI"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Webhook name must not contain invisible or direction-changing characters (it has U+200B)");
        ChatMessage posted =
                webhooks.post(created.token(), new SlackPayload("hi", "\u202Enimda\u202C\u200B bot\nnightly", null));

        assertThat(posted.webhook().name()).isEqualTo("nimda bot nightly");
        // A long name is cut between code points: no half of an emoji is left at the cut.
        String emoji = webhooks.post(created.token(), new SlackPayload("hi", "😀".repeat(40), null))
                .webhook()
                .name();
        assertThat(emoji).isEqualTo("😀".repeat(31) + "…");
        assertThat(webhooks.list(admin.id(), room.slug()))
                .extracting(WebhookInfo::name)
                .containsExactly("CI");
    }

    @Test
    void renaming_changes_the_name_of_later_messages_and_revoking_ends_the_url() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Renamed " + Fixtures.username("r"), null, false);
        NewWebhook created = webhooks.create(admin.id(), room.slug(), "Old name");
        ChatMessage before = webhooks.post(created.token(), new SlackPayload("one", null, null));

        WebhookInfo renamed =
                webhooks.rename(admin.id(), room.slug(), created.webhook().id(), "New name");
        ChatMessage after = webhooks.post(created.token(), new SlackPayload("two", null, null));
        webhooks.revoke(admin.id(), room.slug(), created.webhook().id());

        assertThat(renamed.name()).isEqualTo("New name");
        assertThat(after.webhook().name()).isEqualTo("New name");
        assertThat(messages.latest(admin.id(), room.id(), 10))
                .extracting(m -> m.webhook().name())
                .containsExactly("Old name", "New name");
        assertThat(before.webhook().name()).isEqualTo("Old name");
        assertThatThrownBy(() -> webhooks.post(created.token(), new SlackPayload("three", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> webhooks.post("wh_nothing", new SlackPayload("three", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(webhooks.list(admin.id(), room.slug())).isEmpty();
        assertThatThrownBy(() -> webhooks.rename(
                        admin.id(), room.slug(), created.webhook().id(), "Again"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_webhook_pauses_while_its_creator_is_not_a_member_or_is_disabled() {
        UserSummary creator = Fixtures.user(accounts, "creator");
        UserSummary other = Fixtures.user(accounts, "other");
        RoomSummary room = rooms.create(creator.id(), "Paused " + Fixtures.username("p"), null, true);
        String token = webhooks.create(creator.id(), room.slug(), "CI").token();
        // The creator hands the private room over to someone else and leaves it.
        invites.accept(
                other.id(),
                invites.invite(creator.id(), room.slug(), other.username()).id());
        members.changeRole(creator.id(), room.slug(), other.username(), RoomRole.ADMIN);
        members.leave(creator.id(), room.slug());

        assertThatThrownBy(() -> webhooks.post(token, new SlackPayload("hello", null, null)))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Paused: the person who set it up is no longer a member of the room");
        WebhookInfo listed = webhooks.list(other.id(), room.slug()).getFirst();
        assertThat(listed.active()).isFalse();
        assertThat(listed.paused()).isEqualTo("Paused: the person who set it up is no longer a member of the room");
        assertThat(messages.latest(other.id(), room.id(), 10)).isEmpty();

        // Back in the room, it works again.
        invites.accept(
                creator.id(),
                invites.invite(other.id(), room.slug(), creator.username()).id());
        assertThat(webhooks.post(token, new SlackPayload("hello again", null, null))
                        .body())
                .isEqualTo("hello again");
    }

    @Test
    void a_webhook_of_a_disabled_account_pauses_until_it_is_enabled() {
        UserSummary instanceAdmin = Fixtures.user(accounts, "root");
        AccountTestData.makeInstanceAdmin(users, transactions, instanceAdmin.id());
        UserSummary creator = Fixtures.user(accounts, "creator");
        RoomSummary room = rooms.create(creator.id(), "Disabled " + Fixtures.username("d"), null, false);
        String token = webhooks.create(creator.id(), room.slug(), "CI").token();

        administration.disable(instanceAdmin.id(), creator.username());

        assertThatThrownBy(() -> webhooks.post(token, new SlackPayload("hello", null, null)))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Paused: the account that set it up is disabled");
        administration.enable(instanceAdmin.id(), creator.username());
        assertThat(webhooks.post(token, new SlackPayload("back", null, null)).body())
                .isEqualTo("back");
    }

    @Test
    void a_text_too_long_or_empty_is_refused_like_a_members() {
        UserSummary admin = Fixtures.user(accounts, "admin");
        RoomSummary room = rooms.create(admin.id(), "Limits " + Fixtures.username("l"), null, false);
        String token = webhooks.create(admin.id(), room.slug(), "CI").token();

        assertThatThrownBy(() -> webhooks.post(token, new SlackPayload("x".repeat(4001), null, null)))
                .isInstanceOf(TooLargeException.class);
        assertThatThrownBy(() -> webhooks.post(token, new SlackPayload("   ", null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(messages.latest(admin.id(), room.id(), 10)).isEmpty();
    }
}
