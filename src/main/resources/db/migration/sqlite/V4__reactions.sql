-- Reactions: one row per user, message and emoji. Every change takes the room's next version and stamps the message,
-- so changedSince carries reactions like edits (see docs/design-decisions/2026-11-21-message-versions.md).
CREATE TABLE reactions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id BIGINT      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id),
    emoji      VARCHAR(16) NOT NULL,
    created_at BIGINT      NOT NULL,
    UNIQUE (message_id, user_id, emoji)
);
CREATE INDEX reactions_message ON reactions (message_id);
