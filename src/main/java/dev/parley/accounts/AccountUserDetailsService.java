package dev.parley.accounts;

import dev.parley.accounts.internal.UserRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads accounts for form sign-in. */
@Service
class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    AccountUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(AccountService.normalizeUsername(username))
                .map(u -> new ParleyUser(u.id(), u.username(), u.displayName(), u.passwordHash(), !u.disabled()))
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }
}
