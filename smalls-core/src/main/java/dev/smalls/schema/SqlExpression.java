package dev.smalls.schema;

import org.springframework.util.Assert;

/**
 * A column default that is an SQL expression rather than a constant, such as
 * {@code CURRENT_TIMESTAMP}; pass it to {@link ColumnDefinition#defaultValue(Object)} or
 * {@link Schema#setDefault}. It is written into the DDL as given, like {@link Schema#sql}.
 *
 * @param sql the expression
 */
public record SqlExpression(String sql) {

	/** {@code CURRENT_TIMESTAMP}, the default of a creation time. */
	public static final SqlExpression CURRENT_TIMESTAMP = new SqlExpression("CURRENT_TIMESTAMP");

	public SqlExpression {
		Assert.hasText(sql, "An SQL expression must not be blank");
		Assert.isTrue(sql.indexOf(';') < 0 && !sql.contains("--") && !sql.contains("/*"),
				() -> "An SQL expression is a single expression, without ';' or comments: " + sql);
	}

	/**
	 * An expression.
	 * @param sql the expression, e.g. {@code CURRENT_DATE}
	 * @return the expression
	 */
	public static SqlExpression of(String sql) {
		return new SqlExpression(sql);
	}

	@Override
	public String toString() {
		return this.sql;
	}

}
