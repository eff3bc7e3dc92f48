package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.accounts.internal.InstanceSettingRepository;
import dev.parley.base.NotAllowedException;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class RegistrationClosedTest {

    @Test
    void nobody_can_sign_up_when_registration_is_closed() {
        AccountService accounts = new AccountService(
                null,
                PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                new AccountProperties(false, null, true),
                event -> {},
                null,
                // No admin has changed it: the configuration holds.
                Mockito.mock(InstanceSettingRepository.class),
                new GuestProperties(false),
                Clock.systemUTC(),
                Mockito.mock(EntityManager.class));

        assertThatThrownBy(() -> accounts.register("newcomer", "Newcomer", "long-enough"))
                .isInstanceOf(NotAllowedException.class)
                .hasMessage("Registration is closed on this server");
    }
}
