CREATE TABLE settings (id INT PRIMARY KEY, name VARCHAR(100));
INSERT INTO settings (id, name) VALUES (1, 'from-script');
