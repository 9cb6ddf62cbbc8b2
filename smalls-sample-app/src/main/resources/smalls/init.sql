-- Run by `smalls init`: what every environment needs before migrations.
CREATE TABLE IF NOT EXISTS app_settings (name VARCHAR(100) PRIMARY KEY, setting VARCHAR(200) NOT NULL);
DELETE FROM app_settings WHERE name = 'sample.version';
INSERT INTO app_settings (name, setting) VALUES ('sample.version', '1');
