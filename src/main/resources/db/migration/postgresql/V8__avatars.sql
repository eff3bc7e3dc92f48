-- Profile pictures. avatar_version counts every change of a user's picture (upload or removal) and never goes back,
-- so that /avatars/{id}?v={version} names one picture for ever and browsers may cache it as immutable; has_avatar
-- says whether there is one now. The picture itself is <data-dir>/avatars/{id}-{version}.png or .jpg.
ALTER TABLE users ADD COLUMN avatar_version INT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN has_avatar BOOLEAN NOT NULL DEFAULT FALSE;
