package dev.smalls.testdialect;

import java.sql.Connection;

import dev.smalls.dialect.H2Dialect;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialectProvider;

/**
 * A provider that takes H2 over from the one smalls ships, by its higher priority.
 */
public class ReplacingH2Provider implements SmallsDialectProvider {

	@Override
	public boolean supports(String productName) {
		return productName.equals("H2");
	}

	@Override
	public SmallsDialect create(Connection connection) {
		return new ReplacedH2Dialect();
	}

	@Override
	public int priority() {
		return SHIPPED + 10;
	}

	/** H2's dialect, as this provider makes it. */
	static final class ReplacedH2Dialect extends H2Dialect {

	}

}
