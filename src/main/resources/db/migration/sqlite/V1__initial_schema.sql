-- Parley's schema for SQLite. Ids are INTEGER PRIMARY KEY (rowid aliases); instants are epoch milliseconds.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      VARCHAR(32)  NOT NULL UNIQUE,
    display_name  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         VARCHAR(64) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    created_at   BIGINT      NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE rooms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        VARCHAR(56)  NOT NULL UNIQUE,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(500) NOT NULL,
    is_private  BOOLEAN      NOT NULL,
    created_at  BIGINT       NOT NULL,
    last_seq    BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE memberships (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id   BIGINT      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      VARCHAR(16) NOT NULL,
    joined_at BIGINT      NOT NULL,
    UNIQUE (room_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id    BIGINT        NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq        BIGINT        NOT NULL,
    author_id  BIGINT        NOT NULL REFERENCES users (id),
    body       VARCHAR(4000) NOT NULL,
    created_at BIGINT        NOT NULL,
    UNIQUE (room_id, seq)
);
