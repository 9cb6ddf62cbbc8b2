-- The first migration of a project that came from Flyway.
CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));
