-- Room settings and moderation. An archived room (archived_at set) is read-only for everyone and stays readable and
-- searchable for whoever could read it before. The slug never changes when a room is renamed, so links keep working.
ALTER TABLE rooms ADD COLUMN archived_at BIGINT;

-- A ban keeps a user out of one room until it is lifted: they cannot join, accept an invitation, be invited or join
-- by link. The membership itself is deleted when the ban is made.
CREATE TABLE room_bans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT       NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id    BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    banned_by  BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason     VARCHAR(500) NOT NULL,
    created_at BIGINT       NOT NULL,
    UNIQUE (room_id, user_id)
);

-- A mute lets a member read but not post (nor edit, react or upload) until muted_until. Rows past their time are
-- removed by a sweep, which also tells the member's open views; a row not yet swept no longer counts.
CREATE TABLE room_mutes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     BIGINT       NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id     BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    muted_by    BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      VARCHAR(500) NOT NULL,
    created_at  BIGINT       NOT NULL,
    muted_until BIGINT       NOT NULL,
    UNIQUE (room_id, user_id)
);
-- The sweep of ended mutes.
CREATE INDEX room_mutes_until ON room_mutes (muted_until);

-- Every moderation action and settings change in a room: who, what, whom (if anyone), why, when. Shown to the room's
-- admins, newest first; deleted with the room.
CREATE TABLE moderation_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT       NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    actor_id   BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action     VARCHAR(32)  NOT NULL,
    target_id  BIGINT       REFERENCES users (id) ON DELETE CASCADE,
    reason     VARCHAR(500) NOT NULL,
    detail     VARCHAR(600) NOT NULL,
    created_at BIGINT       NOT NULL
);
CREATE INDEX moderation_log_room ON moderation_log (room_id, id);
