ALTER TABLE notes ADD owner VARCHAR(50) DEFAULT '${owner}';
