INSERT INTO greeting (id, text) VALUES (2, 'from the seed script');
