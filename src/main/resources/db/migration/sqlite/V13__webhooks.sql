-- Incoming webhooks (/hooks/{token}). Only the SHA-256 of the token is stored: the URL is shown once, when it is made.
-- A revoked webhook keeps its row (revoked_at set), so that the messages it posted keep pointing at it.
CREATE TABLE webhooks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id      BIGINT      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    name         VARCHAR(64) NOT NULL,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    created_by   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT      NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX webhooks_room ON webhooks (room_id);

-- A message that came through a webhook: which one, and the name and picture it is shown under (as they were when it
-- was posted; renaming the webhook changes only later messages). Its author_id is the account that set the webhook up.
ALTER TABLE messages ADD COLUMN webhook_id BIGINT;
ALTER TABLE messages ADD COLUMN webhook_name VARCHAR(64);
ALTER TABLE messages ADD COLUMN webhook_icon_url VARCHAR(2000);
