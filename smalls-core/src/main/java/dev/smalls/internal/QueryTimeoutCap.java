package dev.smalls.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * A statement whose query timeout never exceeds a cap: it starts with the cap, and a larger
 * timeout, or none, set later (as Spring does from a transaction's time left) becomes the cap.
 * MariaDB's driver sends a query timeout as the statement's own {@code max_statement_time},
 * which would otherwise stand in for the DDL statement timeout set on the session.
 */
final class QueryTimeoutCap implements InvocationHandler {

	private final Statement target;

	private final int cap;

	private QueryTimeoutCap(Statement target, int cap) {
		this.target = target;
		this.cap = cap;
	}

	static Object of(Statement statement, Class<?> type, int cap) throws SQLException {
		statement.setQueryTimeout(cap);
		Class<?> face = (type.isInterface() && Statement.class.isAssignableFrom(type)) ? type : Statement.class;
		return Proxy.newProxyInstance(QueryTimeoutCap.class.getClassLoader(), new Class<?>[] { face },
				new QueryTimeoutCap(statement, cap));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		if (method.getName().equals("setQueryTimeout") && args != null && args[0] instanceof Integer seconds) {
			args[0] = (seconds == 0 || seconds > this.cap) ? this.cap : seconds;
		}
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			default:
				try {
					return method.invoke(this.target, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
		}
	}

}
