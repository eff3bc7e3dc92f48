-- Guest access: a visitor who joins with a name only is a row in users with guest = TRUE and no password (an empty
-- password_hash, which no password matches), so that messages, memberships and presence work unchanged. Guest names
-- are 1 to 50 characters of A-Z a-z 0-9 _ -, stored in lower case in username (so that the unique column keeps names
-- unique ignoring case across accounts and guests) and as typed in display_name.
ALTER TABLE users ADD COLUMN guest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ALTER COLUMN username TYPE VARCHAR(50);

-- Whether guests may join is an instance setting (instance_settings, 'guests_allowed'); without a row it is off.
