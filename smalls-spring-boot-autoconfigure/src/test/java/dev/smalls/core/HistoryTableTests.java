package dev.smalls.core;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.dialect.H2Dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading the history table while another instance may be creating it.
 */
class HistoryTableTests {

	private final JdbcTemplate jdbc = new JdbcTemplate(
			new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));

	private final HistoryTable table = new HistoryTable("smalls_history");

	@Test
	void aMissingTableReadsAsNoHistory() {
		assertThat(this.table.readIfExists(this.jdbc)).isNull();
		assertThat(this.table.readAppliedIfExists(this.jdbc)).isNull();
	}

	@Test
	void aTableCreatedByAnotherInstanceDuringTheReadIsReadAgain() {
		// The first query fails as it would just before another instance creates the table.
		JdbcTemplate racing = new JdbcTemplate(this.jdbc.getDataSource()) {

			private boolean first = true;

			@Override
			public <T> T query(String sql, ResultSetExtractor<T> extractor) throws DataAccessException {
				if (this.first) {
					this.first = false;
					HistoryTableTests.this.table.create(HistoryTableTests.this.jdbc, new H2Dialect());
					HistoryTableTests.this.jdbc.update("INSERT INTO smalls_history VALUES (1, 'a', 1, "
							+ "CURRENT_TIMESTAMP, 3, 'other@host')");
					return super.query("SELECT * FROM no_such_table", extractor);
				}
				return super.query(sql, extractor);
			}

		};
		History history = this.table.readAppliedIfExists(racing);
		assertThat(history).isNotNull();
		assertThat(history.current()).isEqualTo(1);
	}

	@Test
	void aBrokenTableIsReportedNotMistakenForAMissingOne() {
		this.jdbc.execute("CREATE TABLE smalls_history (unrelated INT)");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.table.readIfExists(this.jdbc))
			.withMessageContaining("smalls_history");
	}

}
