package dev.parley.rooms.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.accounts.ParleyUser;
import dev.parley.accounts.UserSummary;
import dev.parley.base.InvalidInputException;
import dev.parley.rooms.Invitation;
import dev.parley.rooms.InviteExpiry;
import dev.parley.rooms.InviteLinkInfo;
import dev.parley.rooms.InviteService;
import dev.parley.rooms.NewInviteLink;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations and invite links: {@code /api/rooms/{slug}/invites} and {@code …/invite-links} for a room's admins,
 * {@code /api/invites} for the invitee, {@code /api/invite-links/{token}/join} for whoever has a link.
 */
@RestController
@RequestMapping("/api")
class InviteController {

    private final InviteService invites;

    InviteController(InviteService invites) {
        this.invites = invites;
    }

    record PersonJson(String username, String displayName, boolean guest) {

        static PersonJson of(UserSummary user) {
            return new PersonJson(user.username(), user.displayName(), user.guest());
        }
    }

    record InvitedRoomJson(
            String slug,
            String name,
            @JsonProperty("private") boolean isPrivate) {}

    record InvitationJson(long id, InvitedRoomJson room, PersonJson invitee, PersonJson invitedBy, Instant createdAt) {

        static InvitationJson of(Invitation invitation) {
            return new InvitationJson(
                    invitation.id(),
                    new InvitedRoomJson(invitation.roomSlug(), invitation.roomName(), invitation.roomPrivate()),
                    PersonJson.of(invitation.invitee()),
                    PersonJson.of(invitation.invitedBy()),
                    invitation.at());
        }
    }

    record InviteRequest(@Nullable String username) {}

    record LinkJson(
            long id,
            @Nullable String token,
            @Nullable String url,
            PersonJson createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Integer maxUses,
            int uses,
            boolean usable) {

        static LinkJson of(InviteLinkInfo link, @Nullable String token) {
            return new LinkJson(
                    link.id(),
                    token,
                    token == null ? null : "/invite/" + token,
                    PersonJson.of(link.createdBy()),
                    link.createdAt(),
                    link.expiresAt(),
                    link.maxUses(),
                    link.uses(),
                    link.usable());
        }
    }

    record LinkRequest(@Nullable String expiresIn, @Nullable Integer maxUses) {}

    @Operation(summary = "Invite someone to the room (admins)")
    @ApiResponse(responseCode = "201", description = "The invitation")
    @ApiResponse(responseCode = "409", description = "Already a member, or already invited")
    @PostMapping("/rooms/{slug}/invites")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationJson invite(
            @AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @RequestBody InviteRequest request) {
        if (request.username() == null || request.username().isBlank()) {
            throw new InvalidInputException("username is required");
        }
        return InvitationJson.of(invites.invite(user.id(), slug, request.username()));
    }

    @Operation(summary = "The room's pending invitations (admins)")
    @GetMapping("/rooms/{slug}/invites")
    List<InvitationJson> roomInvitations(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        return invites.roomInvitations(user.id(), slug).stream()
                .map(InvitationJson::of)
                .toList();
    }

    @Operation(summary = "Your pending invitations")
    @GetMapping("/invites")
    List<InvitationJson> mine(@AuthenticationPrincipal ParleyUser user) {
        return invites.invitations(user.id()).stream().map(InvitationJson::of).toList();
    }

    @Operation(summary = "Accept an invitation: you join the room")
    @PostMapping("/invites/{id}/accept")
    RoomController.RoomJson accept(@AuthenticationPrincipal ParleyUser user, @PathVariable long id) {
        return RoomController.RoomJson.of(invites.accept(user.id(), id));
    }

    @Operation(summary = "Decline an invitation")
    @PostMapping("/invites/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@AuthenticationPrincipal ParleyUser user, @PathVariable long id) {
        invites.decline(user.id(), id);
    }

    @Operation(summary = "Withdraw an invitation (the room's admins)")
    @DeleteMapping("/invites/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@AuthenticationPrincipal ParleyUser user, @PathVariable long id) {
        invites.cancel(user.id(), id);
    }

    @Operation(summary = "Make an invite link (admins); its token is shown only here")
    @ApiResponse(responseCode = "201", description = "The link, with its token")
    @PostMapping("/rooms/{slug}/invite-links")
    @ResponseStatus(HttpStatus.CREATED)
    LinkJson createLink(
            @AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @RequestBody LinkRequest request) {
        InviteExpiry expiry =
                request.expiresIn() == null ? InviteExpiry.DAY : InviteExpiry.ofLabel(request.expiresIn());
        NewInviteLink link = invites.createLink(user.id(), slug, expiry, request.maxUses());
        return LinkJson.of(link.link(), link.token());
    }

    @Operation(summary = "The room's invite links that are not revoked (admins)")
    @GetMapping("/rooms/{slug}/invite-links")
    List<LinkJson> links(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug) {
        return invites.links(user.id(), slug).stream()
                .map(link -> LinkJson.of(link, null))
                .toList();
    }

    @Operation(summary = "Revoke an invite link (admins)")
    @DeleteMapping("/rooms/{slug}/invite-links/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeLink(@AuthenticationPrincipal ParleyUser user, @PathVariable String slug, @PathVariable long id) {
        invites.revokeLink(user.id(), slug, id);
    }

    @Operation(summary = "Join a room by an invite link")
    @ApiResponse(responseCode = "200", description = "The room, which you are now a member of")
    @ApiResponse(
            responseCode = "410",
            description = "The link expired, is used up or was revoked (the error says which)")
    @PostMapping("/invite-links/{token}/join")
    RoomController.RoomJson join(@AuthenticationPrincipal ParleyUser user, @PathVariable String token) {
        return RoomController.RoomJson.of(invites.joinByLink(user.id(), token));
    }
}
