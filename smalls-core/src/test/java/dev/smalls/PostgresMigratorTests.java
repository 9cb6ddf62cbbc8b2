package dev.smalls;

import dev.smalls.testsupport.TestDatabase;

class PostgresMigratorTests extends MigratorBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

}
