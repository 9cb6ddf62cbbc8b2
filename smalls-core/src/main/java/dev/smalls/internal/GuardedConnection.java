package dev.smalls.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * The run's connection as migration code sees it. While a migration runs in smalls'
 * transaction the guard is armed: a {@code commit()}, {@code rollback()},
 * {@code setAutoCommit(..)} or {@code close()} from the migration would end that transaction
 * behind smalls' back, leaving the history to record work that was undone, or to forget work
 * that was committed. Such a call is refused with an exception and remembered, and the step
 * fails even if the migration swallows the exception. Savepoints stay available.
 * <p>
 * While armed with a {@link StatementCapture}, the statements the migration prepares or
 * executes are recorded there: what a code migration's checksum is made of.
 */
final class GuardedConnection implements InvocationHandler {

	private final Connection target;

	private final Connection proxy;

	private boolean armed;

	private @Nullable String violation;

	private @Nullable StatementCapture capture;

	/** The longest query timeout a statement may get, in seconds; 0 for no cap. */
	private int queryTimeoutCap;

	GuardedConnection(Connection target) {
		this.target = target;
		this.proxy = (Connection) Proxy.newProxyInstance(GuardedConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, this);
	}

	/** The connection to bind for migration code. */
	Connection proxy() {
		return this.proxy;
	}

	/** From now until {@link #disarm()}, refuse transaction control. */
	void arm() {
		arm(null);
	}

	/**
	 * From now until {@link #disarm()}, refuse transaction control and record statements.
	 * @param capture where to record the statements, or {@code null} not to
	 */
	void arm(@Nullable StatementCapture capture) {
		this.armed = true;
		this.violation = null;
		this.capture = capture;
	}

	/**
	 * Record statements, or stop recording them, without refusing anything.
	 * @param capture where to record them, or {@code null} to stop
	 */
	void capture(@Nullable StatementCapture capture) {
		this.capture = capture;
	}

	/**
	 * Cap the query timeout of the statements made from now on: each gets the cap, and a
	 * larger (or no) timeout set later becomes the cap.
	 * @param seconds the cap, or 0 for none
	 */
	void capQueryTimeouts(int seconds) {
		this.queryTimeoutCap = seconds;
	}

	/**
	 * Stop refusing (and recording).
	 * @return what the migration tried while armed, or {@code null} if nothing
	 */
	@Nullable String disarm() {
		this.armed = false;
		this.capture = null;
		return this.violation;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		if (this.armed) {
			String refused = refused(name, args);
			if (refused != null) {
				if (this.violation == null) {
					this.violation = refused;
				}
				throw new SQLException("smalls refused " + refused + ": the migration runs in smalls' transaction, "
						+ "which commits with its history row. Leave commit and rollback to smalls, or make the "
						+ "migration non-transactional (transactional() returning false).");
			}
		}
		switch (name) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "smalls guarded " + this.target;
			default:
				Object result = call(this.target, method, args);
				StatementCapture capture = this.capture;
				if (capture != null) {
					if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args[0] instanceof String sql) {
						capture.record(sql);
					}
					else if (name.equals("createStatement") && result instanceof Statement statement) {
						result = new CapturingStatement(statement, capture);
					}
				}
				int cap = this.queryTimeoutCap;
				if (cap > 0 && result instanceof Statement statement) {
					return QueryTimeoutCap.of(statement, method.getReturnType(), cap);
				}
				return result;
		}
	}

	private static @Nullable Object call(Object target, Method method, @Nullable Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}


	private static @Nullable String refused(String name, @Nullable Object[] args) {
		return switch (name) {
			case "commit" -> "Connection.commit()";
			case "rollback" -> (args == null || args.length == 0) ? "Connection.rollback()" : null;
			// Switching auto-commit on commits; switching it off inside a transaction changes nothing.
			case "setAutoCommit" -> Boolean.TRUE.equals(args[0]) ? "Connection.setAutoCommit(true)" : null;
			case "close", "abort" -> "Connection." + name + "()";
			default -> null;
		};
	}

}
