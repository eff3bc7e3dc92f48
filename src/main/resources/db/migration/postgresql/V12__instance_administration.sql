-- Instance administration: disabled accounts can neither sign in nor use their tokens; instance admins see all users,
-- disable and re-enable them, and open or close registration.
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN instance_admin BOOLEAN NOT NULL DEFAULT FALSE;

-- The first account created is the instance admin.
UPDATE users SET instance_admin = TRUE WHERE id = (SELECT MIN(id) FROM users);

-- Settings an instance admin changes at run time, by name; a missing row means the configured default.
CREATE TABLE instance_settings (
    setting_name  VARCHAR(64)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(255) NOT NULL
);
