package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.MutableClock;
import dev.parley.accounts.internal.InMemorySignInAttempts;
import dev.parley.accounts.internal.InstanceSettingRepository;
import dev.parley.accounts.internal.UserRepository;
import dev.parley.base.ConflictException;
import dev.parley.base.InvalidInputException;
import dev.parley.base.WorkClaims;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What depends on time and configuration in guest access, on a clock moved by hand: a name stays reserved for its
 * visitor only until the first page could have opened, and guests upload only where configuration lets them.
 */
class GuestAccessTest {

    private final MutableClock clock = new MutableClock();
    private final UserRepository users = mock(UserRepository.class);
    private final InstanceSettingRepository settings = mock(InstanceSettingRepository.class);
    private final Set<UserId> online = new HashSet<>();
    private final ActiveSessions sessions = new ActiveSessions(event -> {}, mock(TaskScheduler.class), clock);

    private AccountService accounts(boolean guestUploads) {
        return new AccountService(
                users,
                PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                new AccountProperties(true, null, true),
                event -> {},
                sessions,
                settings,
                new GuestProperties(guestUploads),
                clock,
                mock(EntityManager.class));
    }

    /** Until when each claim holds, as Redis keeps them for the nodes of a cluster. */
    private final Map<String, Instant> claimed = new HashMap<>();

    private final WorkClaims claims = new WorkClaims() {
        @Override
        public boolean claim(String work, Duration lease) {
            Instant until = claimed.get(work);
            if (until != null && until.isAfter(clock.instant())) {
                return false;
            }
            claimed.put(work, clock.instant().plus(lease));
            return true;
        }

        @Override
        public void release(String work) {
            claimed.remove(work);
        }
    };

    private GuestAccess guestAccess() {
        OnlineUsers presence = new OnlineUsers() {
            @Override
            public boolean isOnline(UserId user) {
                return online.contains(user);
            }

            @Override
            public void disconnect(UserId user) {
                online.remove(user);
            }
        };
        SignInThrottle throttle = new SignInThrottle(
                new InMemorySignInAttempts(clock),
                new SignInLimitProperties(
                        20,
                        Duration.ofMinutes(1),
                        10,
                        Duration.ofMinutes(15),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15)),
                clock);
        return new GuestAccess(
                users,
                accounts(false),
                sessions,
                presence,
                throttle,
                event -> {},
                claims,
                clock,
                mock(PlatformTransactionManager.class));
    }

    @Test
    void a_name_a_visitor_entered_on_another_node_is_in_use_until_they_leave() {
        allowGuests();
        User guest = storedGuest(12, "Visitor-4");
        GuestAccess guests = guestAccess();
        // A visitor on another node of the cluster entered the name a moment ago.
        claimed.put("accounts:guest-entering:12", clock.instant().plus(GuestAccess.RESERVATION));

        assertThatThrownBy(() -> guests.enter("Visitor-4", "browser-1", "192.0.2.1"))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Visitor-4 is in use by a guest who is here now. Choose another name.");

        // They leave (on any node, the claim goes): the name is free.
        claimed.remove("accounts:guest-entering:12");
        assertThat(guests.enter("Visitor-4", "browser-1", "192.0.2.1").guest().id())
                .isEqualTo(guest.id());
        assertThat(claimed).containsKey("accounts:guest-entering:12");
        guests.leave(guest.id());
        assertThat(claimed).doesNotContainKey("accounts:guest-entering:12");
    }

    private User storedGuest(long id, String name) {
        User guest = User.guest(name, Instant.EPOCH);
        ReflectionTestUtils.setField(guest, "id", id);
        when(users.findByUsername(name.toLowerCase())).thenReturn(Optional.of(guest));
        when(users.findById(id)).thenReturn(Optional.of(guest));
        return guest;
    }

    private void allowGuests() {
        when(settings.findById(InstanceSetting.GUESTS_ALLOWED))
                .thenReturn(Optional.of(new InstanceSetting(InstanceSetting.GUESTS_ALLOWED, "true")));
    }

    @Test
    void guests_are_off_until_an_instance_admin_allows_them() {
        when(settings.findById(InstanceSetting.GUESTS_ALLOWED)).thenReturn(Optional.empty());

        assertThat(accounts(false).guestsAllowed()).isFalse();
        allowGuests();
        assertThat(accounts(false).guestsAllowed()).isTrue();
    }

    @Test
    void a_name_entered_is_reserved_until_its_first_page_could_have_opened_then_free_for_the_next_visitor() {
        allowGuests();
        User guest = storedGuest(7, "Visitor-1");
        GuestAccess guests = guestAccess();

        GuestAccess.GuestPass first = guests.enter("Visitor-1", "browser-1", "192.0.2.1");
        MockHttpSession leftBehind = new MockHttpSession();
        sessions.record(guest.id(), leftBehind, null);
        clock.advance(GuestAccess.RESERVATION.minusSeconds(1));
        assertThatThrownBy(() -> guests.enter("visitor-1", "browser-2", "192.0.2.1"))
                .isInstanceOf(ConflictException.class);

        clock.advance(Duration.ofSeconds(2));
        // The first visitor never opened a page: their ticket has expired, and the name is free again.
        assertThat(guests.redeem(first.ticket(), "browser-1")).isEmpty();
        GuestAccess.GuestPass second = guests.enter("visitor-1", "browser-2", "192.0.2.1");
        assertThat(second.guest().id()).isEqualTo(guest.id());
        assertThat(sessions.of(guest.id(), null)).isEmpty();
        assertThat(guests.redeem(second.ticket(), "browser-2"))
                .hasValueSatisfying(user -> assertThat(user.guest()).isTrue());

        // Online, the guest keeps the name however long it has been.
        online.add(guest.id());
        clock.advance(Duration.ofHours(3));
        assertThatThrownBy(() -> guests.enter("VISITOR-1", "browser-3", "192.0.2.1"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void names_refused_count_as_failed_sign_ins_of_the_address_and_a_locked_address_lets_no_guest_in() {
        allowGuests();
        when(users.findByUsername("ada")).thenReturn(Optional.of(new User("ada", "Ada", "{noop}x", Instant.EPOCH)));
        storedGuest(10, "Visitor-2");
        storedGuest(11, "Visitor-3");
        GuestAccess guests = guestAccess();

        // Looking for accounts by trying their names on the guest page: ten refusals from one address (the default).
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guests.enter("ada", "browser", "198.51.100.7"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("ada is the name of an account here. Choose another name.");
        }

        assertThatThrownBy(() -> guests.enter("Visitor-2", "browser", "198.51.100.7"))
                .isInstanceOf(TooManySignInsException.class)
                .hasMessage("Too many failed sign-ins. Try again in 1 s.");
        // A name against the rule is refused before it counts, and says why as always.
        assertThatThrownBy(() -> guests.enter("a b", "browser", "198.51.100.7"))
                .isInstanceOf(InvalidInputException.class);
        // Another address is not held back.
        assertThat(guests.enter("Visitor-2", "browser", "203.0.113.9").guest().id())
                .isEqualTo(new UserId(10));
        clock.advance(Duration.ofSeconds(1));
        assertThat(guests.enter("Visitor-3", "browser", "198.51.100.7").guest().displayName())
                .isEqualTo("Visitor-3");
    }

    @Test
    void guests_upload_only_where_configuration_lets_them_and_accounts_always() {
        User guest = storedGuest(8, "Painter");
        User account = new User("ada", "Ada", "{noop}x", Instant.EPOCH);
        ReflectionTestUtils.setField(account, "id", 9L);
        when(users.findById(anyLong())).thenReturn(Optional.empty());
        when(users.findById(8L)).thenReturn(Optional.of(guest));
        when(users.findById(9L)).thenReturn(Optional.of(account));

        assertThat(accounts(false).mayUpload(guest.id())).isFalse();
        assertThat(accounts(true).mayUpload(guest.id())).isTrue();
        assertThat(accounts(false).mayUpload(account.id())).isTrue();
    }
}
