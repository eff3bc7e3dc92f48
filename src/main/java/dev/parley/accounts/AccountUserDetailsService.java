package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads accounts for form sign-in. With passwords turned off ({@link AccountProperties#localPasswords()}), and for an
 * account made by single sign-on, which has none, it finds nobody: the answer is the one for a wrong password.
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final AccountProperties properties;

    AccountUserDetailsService(UserRepository users, AccountProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        if (!properties.localPasswords()) {
            throw new UsernameNotFoundException("Passwords are turned off");
        }
        return users.findByUsername(AccountService.normalizeUsername(username))
                .filter(User::hasPassword)
                .map(u -> new ParleyUser(u.id(), u.username(), u.displayName(), u.passwordHash(), !u.disabled()))
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }
}
