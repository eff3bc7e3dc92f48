-- Single sign-on: the OpenID Connect identities (issuer + subject) linked to Parley accounts. An account made by
-- single sign-on has no password: its password_hash is empty, which no password matches.
CREATE TABLE user_identities (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer     VARCHAR(255) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);
