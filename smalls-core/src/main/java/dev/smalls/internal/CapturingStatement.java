package dev.smalls.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A plain statement of migration code whose SQL, given when it runs, is recorded in a
 * {@link StatementCapture}; everything else goes to the driver's statement as it is. Written
 * out rather than a dynamic proxy: a step runs a few of these, and a proxy's reflection per
 * call cost more than the step's own work on an in-memory database. Internal: not for use
 * outside smalls.
 */
final class CapturingStatement implements Statement {

	private final Statement target;

	private final StatementCapture capture;

	CapturingStatement(Statement target, StatementCapture capture) {
		this.target = target;
		this.capture = capture;
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		this.capture.record(sql);
		this.target.addBatch(sql);
	}

	@Override
	public void cancel() throws SQLException {
		this.target.cancel();
	}

	@Override
	public void clearBatch() throws SQLException {
		this.target.clearBatch();
	}

	@Override
	public void clearWarnings() throws SQLException {
		this.target.clearWarnings();
	}

	@Override
	public void close() throws SQLException {
		this.target.close();
	}

	@Override
	public void closeOnCompletion() throws SQLException {
		this.target.closeOnCompletion();
	}

	@Override
	public String enquoteIdentifier(String sql, boolean arg1) throws SQLException {
		return this.target.enquoteIdentifier(sql, arg1);
	}

	@Override
	public String enquoteLiteral(String sql) throws SQLException {
		return this.target.enquoteLiteral(sql);
	}

	@Override
	public String enquoteNCharLiteral(String sql) throws SQLException {
		return this.target.enquoteNCharLiteral(sql);
	}

	@Override
	public boolean execute(String sql, int[] arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.execute(sql, arg1);
	}

	@Override
	public boolean execute(String sql, String[] arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.execute(sql, arg1);
	}

	@Override
	public boolean execute(String sql, int arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.execute(sql, arg1);
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		this.capture.record(sql);
		return this.target.execute(sql);
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return this.target.executeBatch();
	}

	@Override
	public long[] executeLargeBatch() throws SQLException {
		return this.target.executeLargeBatch();
	}

	@Override
	public long executeLargeUpdate(String sql, int[] arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.executeLargeUpdate(sql, arg1);
	}

	@Override
	public long executeLargeUpdate(String sql, String[] arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.executeLargeUpdate(sql, arg1);
	}

	@Override
	public long executeLargeUpdate(String sql, int arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.executeLargeUpdate(sql, arg1);
	}

	@Override
	public long executeLargeUpdate(String sql) throws SQLException {
		this.capture.record(sql);
		return this.target.executeLargeUpdate(sql);
	}

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		this.capture.record(sql);
		return this.target.executeQuery(sql);
	}

	@Override
	public int executeUpdate(String sql, int[] arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.executeUpdate(sql, arg1);
	}

	@Override
	public int executeUpdate(String sql, String[] arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.executeUpdate(sql, arg1);
	}

	@Override
	public int executeUpdate(String sql, int arg1) throws SQLException {
		this.capture.record(sql);
		return this.target.executeUpdate(sql, arg1);
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		this.capture.record(sql);
		return this.target.executeUpdate(sql);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.target.getConnection();
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return this.target.getFetchDirection();
	}

	@Override
	public int getFetchSize() throws SQLException {
		return this.target.getFetchSize();
	}

	@Override
	public ResultSet getGeneratedKeys() throws SQLException {
		return this.target.getGeneratedKeys();
	}

	@Override
	public long getLargeMaxRows() throws SQLException {
		return this.target.getLargeMaxRows();
	}

	@Override
	public long getLargeUpdateCount() throws SQLException {
		return this.target.getLargeUpdateCount();
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		return this.target.getMaxFieldSize();
	}

	@Override
	public int getMaxRows() throws SQLException {
		return this.target.getMaxRows();
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		return this.target.getMoreResults();
	}

	@Override
	public boolean getMoreResults(int arg0) throws SQLException {
		return this.target.getMoreResults(arg0);
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		return this.target.getQueryTimeout();
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		return this.target.getResultSet();
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		return this.target.getResultSetConcurrency();
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		return this.target.getResultSetHoldability();
	}

	@Override
	public int getResultSetType() throws SQLException {
		return this.target.getResultSetType();
	}

	@Override
	public int getUpdateCount() throws SQLException {
		return this.target.getUpdateCount();
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return this.target.getWarnings();
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		return this.target.isCloseOnCompletion();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.target.isClosed();
	}

	@Override
	public boolean isPoolable() throws SQLException {
		return this.target.isPoolable();
	}

	@Override
	public boolean isSimpleIdentifier(String sql) throws SQLException {
		return this.target.isSimpleIdentifier(sql);
	}

	@Override
	public boolean isWrapperFor(Class<?> arg0) throws SQLException {
		return arg0.isInstance(this) || this.target.isWrapperFor(arg0);
	}

	@Override
	public void setCursorName(String sql) throws SQLException {
		this.target.setCursorName(sql);
	}

	@Override
	public void setEscapeProcessing(boolean arg0) throws SQLException {
		this.target.setEscapeProcessing(arg0);
	}

	@Override
	public void setFetchDirection(int arg0) throws SQLException {
		this.target.setFetchDirection(arg0);
	}

	@Override
	public void setFetchSize(int arg0) throws SQLException {
		this.target.setFetchSize(arg0);
	}

	@Override
	public void setLargeMaxRows(long arg0) throws SQLException {
		this.target.setLargeMaxRows(arg0);
	}

	@Override
	public void setMaxFieldSize(int arg0) throws SQLException {
		this.target.setMaxFieldSize(arg0);
	}

	@Override
	public void setMaxRows(int arg0) throws SQLException {
		this.target.setMaxRows(arg0);
	}

	@Override
	public void setPoolable(boolean arg0) throws SQLException {
		this.target.setPoolable(arg0);
	}

	@Override
	public void setQueryTimeout(int arg0) throws SQLException {
		this.target.setQueryTimeout(arg0);
	}

	@Override
	public <T> T unwrap(Class<T> arg0) throws SQLException {
		return arg0.isInstance(this) ? arg0.cast(this) : this.target.unwrap(arg0);
	}

}
