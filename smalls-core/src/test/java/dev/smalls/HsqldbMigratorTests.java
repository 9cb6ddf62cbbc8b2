package dev.smalls;

import dev.smalls.testsupport.TestDatabase;

class HsqldbMigratorTests extends MigratorBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.HSQLDB;
	}

}
