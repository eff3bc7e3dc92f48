-- Guest access: a visitor who joins with a name only is a row in users with guest = TRUE and no password (an empty
-- password_hash, which no password matches), so that messages, memberships and presence work unchanged. Guest names
-- are 1 to 50 characters of A-Z a-z 0-9 _ -, stored in lower case in username (so that the unique column keeps names
-- unique ignoring case across accounts and guests) and as typed in display_name. SQLite does not enforce VARCHAR
-- lengths, so username needs no widening here; H2's migration widens it to 50.
ALTER TABLE users ADD COLUMN guest BOOLEAN NOT NULL DEFAULT FALSE;

-- Whether guests may join is an instance setting (instance_settings, 'guests_allowed'); without a row it is off.
