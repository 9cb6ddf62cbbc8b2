package dev.smalls;

import dev.smalls.testsupport.TestDatabase;

class SqliteMigratorTests extends MigratorBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.SQLITE;
	}

}
