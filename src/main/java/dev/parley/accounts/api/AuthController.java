package dev.parley.accounts.api;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.ApiTokenService;
import dev.parley.accounts.UserSummary;
import dev.parley.base.api.ApiError;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/register} and {@code POST /api/auth/token}. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AccountService accounts;
    private final ApiTokenService tokens;

    AuthController(AccountService accounts, ApiTokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record RegisterRequest(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable String password) {}

    record RegisteredUser(String username, String displayName) {}

    record TokenRequest(
            @Nullable String username,
            @Nullable String password,
            @Nullable String name) {}

    record TokenResponse(String token) {}

    @ApiResponse(responseCode = "201", description = "The new account")
    @ApiResponse(responseCode = "403", description = "Registration is closed")
    @ApiResponse(responseCode = "409", description = "The username is taken")
    @PostMapping("/register")
    ResponseEntity<RegisteredUser> register(@RequestBody RegisterRequest request) {
        UserSummary user = accounts.register(
                orEmpty(request.username()), orEmpty(request.displayName()), orEmpty(request.password()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new RegisteredUser(user.username(), user.displayName()));
    }

    @ApiResponse(responseCode = "201", description = "A new API token")
    @ApiResponse(responseCode = "401", description = "Wrong username or password")
    @ApiResponse(
            responseCode = "429",
            description = "Too many failed sign-ins to this account or from this address: retry after Retry-After")
    @PostMapping("/token")
    ResponseEntity<?> token(@RequestBody TokenRequest request, HttpServletRequest http) {
        String name = request.name() == null ? "API token" : request.name();
        return tokens.createForCredentials(
                        orEmpty(request.username()), orEmpty(request.password()), name, http.getRemoteAddr())
                .<ResponseEntity<?>>map(
                        t -> ResponseEntity.status(HttpStatus.CREATED).body(new TokenResponse(t.token())))
                .orElseGet(() -> ApiError.answer(HttpStatus.UNAUTHORIZED, "Incorrect username or password"));
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
