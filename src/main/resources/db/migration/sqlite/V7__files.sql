-- Uploaded files. A row is "pending" (message_id null) from its upload until a message of its uploader takes it, or
-- until the sweep removes it a day later. The bytes live under <data-dir>/uploads/ as storage_name (random, made by
-- the server; never from the user's file name), the thumbnail of an image beside it; name is only for display.
-- Deleting a message deletes its rows in the same transaction and the files after commit, so a row with a message is
-- always a file of a message that is not deleted. No ON DELETE CASCADE: a cascade would leave files on disk behind.
CREATE TABLE files (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uploader_id    BIGINT       NOT NULL REFERENCES users (id),
    room_id        BIGINT       NOT NULL REFERENCES rooms (id),
    message_id     BIGINT       REFERENCES messages (id),
    sort_order     INTEGER      NOT NULL DEFAULT 0,
    name           VARCHAR(255) NOT NULL,
    media_type     VARCHAR(255) NOT NULL,
    byte_size      BIGINT       NOT NULL,
    width          INTEGER      NOT NULL DEFAULT 0,
    height         INTEGER      NOT NULL DEFAULT 0,
    storage_name   VARCHAR(64)  NOT NULL UNIQUE,
    thumbnail_type VARCHAR(32),
    created_at     BIGINT       NOT NULL
);
-- A page of history's attachments in one query; the sweep finds pending uploads (message_id null) by age.
CREATE INDEX files_message ON files (message_id, created_at);
-- The quota: everything one user stores.
CREATE INDEX files_uploader ON files (uploader_id);
