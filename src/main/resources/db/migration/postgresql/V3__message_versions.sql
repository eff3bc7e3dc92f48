-- Edits and deletes: every change to a room's messages takes the room's next version and stamps the message with it,
-- so "everything changed after version V" is one index range (see docs/design-decisions/2026-11-21-message-versions.md).
ALTER TABLE messages ADD COLUMN edited_at BIGINT NULL;
ALTER TABLE messages ADD COLUMN deleted_at BIGINT NULL;
ALTER TABLE messages ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rooms ADD COLUMN last_version BIGINT NOT NULL DEFAULT 0;

-- Until now every change was a post: a message's version is its sequence number.
UPDATE messages SET version = seq;
UPDATE rooms SET last_version = last_seq;

CREATE UNIQUE INDEX messages_room_version ON messages (room_id, version);
