package dev.smalls;

import dev.smalls.testsupport.TestDatabase;

class MariaDbMigratorTests extends MigratorBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.MARIADB;
	}

}
