-- Every instance starts with one public room.
INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq)
VALUES ('general', 'general', 'Everyone''s room: announcements and conversation for the whole team.', FALSE,
        CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 0);
