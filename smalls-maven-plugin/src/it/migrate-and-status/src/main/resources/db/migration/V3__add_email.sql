-- A SQL-file migration beside the two compiled ones, as a Flyway project keeps them.
ALTER TABLE accounts ADD COLUMN email VARCHAR(200);
