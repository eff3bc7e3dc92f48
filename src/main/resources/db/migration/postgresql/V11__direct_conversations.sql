-- Direct conversations are private rooms of a fixed group of people, found again by who is in them: the sorted ids
-- of the participants ("3,8,12"). Null for every other room; unique, so that starting a conversation that exists
-- opens it.
ALTER TABLE rooms ADD COLUMN direct_key VARCHAR(200);
CREATE UNIQUE INDEX rooms_direct_key ON rooms (direct_key);
