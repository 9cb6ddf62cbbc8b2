package dev.smalls;

import dev.smalls.testsupport.TestDatabase;

class H2MigratorTests extends MigratorBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.H2;
	}

}
