package dev.smalls.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * What a migrator records of a schema migration's progress, as it reaches the database: a
 * data source that passes everything through and tells a listener each
 * {@code UPDATE <history>_interrupted SET certain = ?, possible = ?} once it is committed.
 * The listener runs on the migrating thread, after the commit: it can stop the process there
 * (as a kill would), or throw as a database that refuses the write would.
 */
public final class MarkProgress {

	private MarkProgress() {
	}

	/**
	 * Told each committed progress of a mark.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * A mark's range of states, committed.
		 * @param certain the lowest state
		 * @param possible the highest
		 * @throws SQLException to fail the write, as the database could
		 */
		void committed(int certain, int possible) throws SQLException;

	}

	/**
	 * A data source that tells a listener of committed progress.
	 * @param dataSource the real data source
	 * @param listener the listener
	 * @return the data source to build a migrator on
	 */
	public static DataSource around(DataSource dataSource, Listener listener) {
		return (DataSource) Proxy.newProxyInstance(MarkProgress.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
					Object result = invoke(dataSource, method, args);
					return (result instanceof Connection connection) ? connection(connection, listener, false) : result;
				});
	}

	/**
	 * A data source that tells a listener of each progress just before it is written: a
	 * listener that stops the process there leaves the mark at the progress before, while the
	 * operation that progress reports is done, as a process killed between the two does.
	 * @param dataSource the real data source
	 * @param listener the listener
	 * @return the data source to build a migrator on
	 */
	public static DataSource beforeWrite(DataSource dataSource, Listener listener) {
		return (DataSource) Proxy.newProxyInstance(MarkProgress.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
					Object result = invoke(dataSource, method, args);
					return (result instanceof Connection connection) ? connection(connection, listener, true) : result;
				});
	}

	/**
	 * Every committed progress, as {@code certain-possible}.
	 * @param progress where to add them
	 * @return the listener
	 */
	public static Listener recording(List<String> progress) {
		return (certain, possible) -> progress.add(certain + "-" + possible);
	}

	private static Connection connection(Connection connection, Listener listener, boolean before) {
		List<int[]> pending = new ArrayList<>();
		return (Connection) Proxy.newProxyInstance(MarkProgress.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					Object result = invoke(connection, method, args);
					if (method.getName().equals("commit")) {
						tell(pending, listener);
					}
					if (method.getName().equals("prepareStatement") && args.length == 1
							&& ((String) args[0]).matches("UPDATE \\S+_interrupted SET certain = \\?, possible = \\?.*")) {
						return progress((PreparedStatement) result, connection, pending, listener, before);
					}
					return result;
				});
	}

	private static PreparedStatement progress(PreparedStatement statement, Connection connection, List<int[]> pending,
			Listener listener, boolean before) {
		int[] range = new int[2];
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("setInt") && (int) args[0] <= 2) {
				range[(int) args[0] - 1] = (int) args[1];
			}
			if (before) {
				if (method.getName().equals("executeUpdate")) {
					listener.committed(range[0], range[1]);
				}
				return invoke(statement, method, args);
			}
			Object result = invoke(statement, method, args);
			if (method.getName().equals("executeUpdate")) {
				pending.add(range.clone());
				if (connection.getAutoCommit()) {
					tell(pending, listener);
				}
			}
			return result;
		};
		return (PreparedStatement) Proxy.newProxyInstance(MarkProgress.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, handler);
	}

	private static void tell(List<int[]> pending, Listener listener) throws SQLException {
		List<int[]> told = new ArrayList<>(pending);
		pending.clear();
		for (int[] range : told) {
			listener.committed(range[0], range[1]);
		}
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
