package dev.parley.accounts.api;

import dev.parley.accounts.InstanceAdministration;
import dev.parley.accounts.InstanceAdministration.Account;
import dev.parley.accounts.ParleyUser;
import dev.parley.base.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin}: instance administration, for instance admins (403 for everyone else). */
@RestController
@RequestMapping("/api/admin")
class AdminController {

    private final InstanceAdministration administration;

    AdminController(InstanceAdministration administration) {
        this.administration = administration;
    }

    record AccountJson(
            String username, String displayName, Instant createdAt, boolean disabled, boolean admin, boolean guest) {

        static AccountJson of(Account account) {
            return new AccountJson(
                    account.user().username(),
                    account.user().displayName(),
                    account.createdAt(),
                    account.disabled(),
                    account.admin(),
                    account.user().guest());
        }
    }

    record RegistrationRequest(@Nullable Boolean open) {}

    record GuestsRequest(@Nullable Boolean allowed) {}

    @GetMapping("/users")
    List<AccountJson> users(@AuthenticationPrincipal ParleyUser user) {
        return administration.accounts(user.id()).stream().map(AccountJson::of).toList();
    }

    @PostMapping("/users/{username}/disable")
    AccountJson disable(@AuthenticationPrincipal ParleyUser user, @PathVariable String username) {
        return AccountJson.of(administration.disable(user.id(), username));
    }

    @PostMapping("/users/{username}/enable")
    AccountJson enable(@AuthenticationPrincipal ParleyUser user, @PathVariable String username) {
        return AccountJson.of(administration.enable(user.id(), username));
    }

    @PutMapping("/registration")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void registration(@AuthenticationPrincipal ParleyUser user, @RequestBody RegistrationRequest request) {
        administration.setRegistrationOpen(user.id(), Boolean.TRUE.equals(request.open()));
    }

    /** Lets visitors join as guests, or stops it (signing out every guest at once). */
    @PutMapping("/guests")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void guests(@AuthenticationPrincipal ParleyUser user, @RequestBody GuestsRequest request) {
        Boolean allowed = request.allowed();
        if (allowed == null) {
            throw new InvalidInputException("Send {\"allowed\": true} or {\"allowed\": false}");
        }
        administration.setGuestsAllowed(user.id(), allowed);
    }
}
