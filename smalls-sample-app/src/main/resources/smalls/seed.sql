-- Run by `smalls seed`: demo data for development, refused in the prod profile.
DELETE FROM todos WHERE id IN (1, 2, 3);
INSERT INTO todos (id, title, priority, status) VALUES (1, 'Read the smalls README', 1, 'done');
INSERT INTO todos (id, title, priority, status) VALUES (2, 'Roll back and migrate again', 2, 'open');
INSERT INTO todos (id, title, priority, status) VALUES (3, 'Write a migration with smalls create', 3, 'open');
