-- Mentions: where in a room a member was @-mentioned, by the sequence number of the message. A mention is unread
-- while it is above the member's read position (memberships.last_read_seq), so counting needs no scan of messages.
CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, room_id, seq)
);
-- The notifications list: a user's newest mentions first.
CREATE INDEX mentions_recent ON mentions (user_id, created_at);
