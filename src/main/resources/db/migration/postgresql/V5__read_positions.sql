-- Read positions: the sequence number of the newest message each member has seen in each room. Unread is
-- rooms.last_seq - memberships.last_read_seq, so counting needs no scan of messages.
ALTER TABLE memberships ADD COLUMN last_read_seq BIGINT NOT NULL DEFAULT 0;

-- Members who exist at the upgrade have read everything: nobody starts with a wall of old unread messages.
UPDATE memberships SET last_read_seq = (SELECT r.last_seq FROM rooms r WHERE r.id = memberships.room_id);
