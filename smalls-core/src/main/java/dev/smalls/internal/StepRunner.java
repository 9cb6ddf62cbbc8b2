package dev.smalls.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.transaction.TransactionStatus;

import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlScript;
import dev.smalls.StepsResult;
import dev.smalls.dialect.StepStatements;
import dev.smalls.dialect.StepStatements.CheckFailed;
import dev.smalls.dialect.StepStatements.Kind;
import dev.smalls.dialect.StepStatements.Reason;
import dev.smalls.dialect.StepStatements.Step;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * Runs init or seed: the scripts, then the beans, all in one Spring-managed transaction on
 * the run's connection, under the migration lock. Internal: not for use outside smalls.
 */
final class StepRunner {

	private final String kind;

	private final List<SqlScript> scripts;

	private final List<Bean> beans;

	/**
	 * @param kind {@code init} or {@code seed}, for messages
	 * @param scripts the scripts, in order
	 * @param beans the beans, in order
	 */
	StepRunner(String kind, List<SqlScript> scripts, List<Bean> beans) {
		this.kind = kind;
		this.scripts = scripts;
		this.beans = beans;
	}

	/** Refuse, before taking the lock, a configured script that does not exist. */
	void checkScripts() {
		List<String> absent = this.scripts.stream()
			.filter((script) -> script.required() && !script.resource().exists())
			.map(SqlScript::location)
			.toList();
		if (!absent.isEmpty()) {
			throw new SmallsValidationException(Problem.SCRIPT_NOT_FOUND, List.of(),
					"The " + this.kind + " script " + String.join(", ", absent) + " does not exist. Nothing was run.",
					"Fix the location, or remove it from the " + this.kind + " scripts.");
		}
	}

	StepsResult run(RunSession session, MigrationLock lock, StepSettings settings) {
		List<StepsResult.Step> done = new ArrayList<>();
		String current = this.kind;
		StepTransactions transactions = session.transactions();
		StepStatements statements = session.statements(lock, settings.statementTimeout());
		Step step = Step.other(Kind.OTHER, this.kind, Tokens.next());
		session.autoCommit(false);
		TransactionStatus transaction;
		try {
			transaction = transactions.beginStep(statements, session.connection(), step, settings);
		}
		catch (SQLException ex) {
			throw RunSession.failure("begin the " + this.kind + " transaction", ex);
		}
		catch (IllegalStateException ex) {
			throw new SmallsLockException("Another instance held the smalls migration lock too long: " + ex.getMessage()
					+ ". Nothing was run.", "Wait for that instance to finish migrating, or allow a longer lock "
							+ "timeout, then run " + this.kind + " again.", ex);
		}
		if (transaction == null) {
			throw new IllegalStateException("The " + this.kind + " step found no plan to change");
		}
		try {
			for (SqlScript script : this.scripts) {
				if (script.resource().exists()) {
					current = script.location();
					long started = System.nanoTime();
					ScriptUtils.executeSqlScript(session.connection(),
							new EncodedResource(script.resource(), StandardCharsets.UTF_8));
					done.add(new StepsResult.Step(script.location(), (System.nanoTime() - started) / 1_000_000));
				}
			}
			for (Bean bean : this.beans) {
				current = bean.description();
				long started = System.nanoTime();
				transactions.arm();
				try {
					bean.work().accept(transactions.jdbc());
				}
				finally {
					String violation = transactions.disarm();
					if (violation != null) {
						throw new IllegalStateException("the step called " + violation + ", which smalls refused");
					}
				}
				done.add(new StepsResult.Step(bean.description(), (System.nanoTime() - started) / 1_000_000));
			}
			current = this.kind;
			statements.finish(session.connection(), step, Instant.now(), 0);
			transactions.commit(transaction);
		}
		catch (SQLException | RuntimeException | Error ex) {
			try {
				transactions.rollback(transaction);
			}
			catch (RuntimeException rollbackFailure) {
				ex.addSuppressed(rollbackFailure);
			}
			String ddl = (ex instanceof CheckFailed check && check.getReason() == Reason.TRANSACTION_ENDED)
					? " What it ran before its transaction ended may be committed."
					: session.dialect().supportsTransactionalDdl() ? ""
					: " " + session.dialect().databaseName() + " commits DDL at once: any DDL that ran before the "
							+ "failure is still in the database.";
			throw new SmallsException("The " + this.kind + " step " + current + " failed: " + Failures.causeOf(ex)
					+ ". The " + this.kind + " transaction was rolled back." + ddl,
					"Fix " + current + " and run " + this.kind + " again.", ex);
		}
		return new StepsResult(done);
	}

	/**
	 * An init or seed bean.
	 *
	 * @param description its class name, for messages
	 * @param work what it does
	 */
	record Bean(String description, Consumer<JdbcTemplate> work) {
	}

}
