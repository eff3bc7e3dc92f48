-- Invitations to rooms. A row is a pending invitation of one user to one room by one of its admins; accepting or
-- declining deletes it (accepting also makes the user a member), so at most one is pending per user and room.
CREATE TABLE room_invites (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    UNIQUE (room_id, user_id)
);
-- The invitee's list, on every page load.
CREATE INDEX room_invites_user ON room_invites (user_id);

-- Invite links (/invite/{token}). Only the SHA-256 of the token is stored: the link is shown once, when it is made.
-- expires_at and max_uses are null for "never" and "unlimited"; a revoked link keeps its row (revoked_at set), so that
-- opening it says it was revoked rather than that it never existed.
CREATE TABLE invite_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_by BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT,
    max_uses   INT,
    uses       INT         NOT NULL DEFAULT 0,
    revoked_at BIGINT
);
CREATE INDEX invite_links_room ON invite_links (room_id);
