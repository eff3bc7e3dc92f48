-- Every instance starts with one public room.
INSERT INTO rooms (slug, name, description, is_private, created_at, last_seq)
VALUES ('general', 'general', 'Everyone''s room: announcements and conversation for the whole team.', FALSE,
        DATEDIFF('MILLISECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP), 0);
