package dev.smalls;

import dev.smalls.testsupport.TestDatabase;

class H2SqlFileMigrationTests extends SqlFileMigrationBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.H2;
	}

}
