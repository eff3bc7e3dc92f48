-- The browsers each user is signed in with. A browser keeps a secret of its own in a cookie (only its SHA-256 is
-- stored here), so that any node of a cluster knows it is signed in, not only the node that holds its session: when
-- that node dies or is stopped, the browser is still signed in on the next. Signing a browser out deletes its row;
-- one nobody has used for longer than a session lasts is no longer accepted, and is deleted in time.
CREATE TABLE signed_in_browsers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash  VARCHAR(64)  NOT NULL UNIQUE,
    client       VARCHAR(100) NOT NULL,
    signed_in_at BIGINT       NOT NULL,
    last_used_at BIGINT       NOT NULL
);
CREATE INDEX signed_in_browsers_user ON signed_in_browsers (user_id);
CREATE INDEX signed_in_browsers_last_used ON signed_in_browsers (last_used_at);
