package dev.smalls.testsupport;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source that writes down every statement sent through its connections, as a
 * statement log of the server would: prepared statements when prepared, others when run. It
 * sees what smalls and the migrations send alike.
 */
public final class StatementLog implements DataSource {

	private final DataSource target;

	private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

	public StatementLog(DataSource target) {
		this.target = target;
	}

	/** What was sent so far, in order. */
	public List<String> statements() {
		synchronized (this.statements) {
			return List.copyOf(this.statements);
		}
	}

	public void clear() {
		this.statements.clear();
	}

	@Override
	public Connection getConnection() throws SQLException {
		return logging(this.target.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return logging(this.target.getConnection(username, password));
	}

	private Connection logging(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					String name = method.getName();
					if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args[0] instanceof String sql) {
						this.statements.add(sql);
					}
					Object result = call(connection, method, args);
					if (name.equals("createStatement") && result instanceof Statement statement) {
						return logging(statement);
					}
					return result;
				});
	}

	private Statement logging(Statement statement) {
		return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Statement.class },
				(proxy, method, args) -> {
					if (args != null && args.length > 0 && args[0] instanceof String sql
							&& (method.getName().startsWith("execute") || method.getName().equals("addBatch"))) {
						this.statements.add(sql);
					}
					return call(statement, method, args);
				});
	}

	private static Object call(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.target.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.target.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.target.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.target.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.target.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return this.target.unwrap(iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return this.target.isWrapperFor(iface);
	}

}
