package dev.smalls.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * Liquibase with the same SQL as formatted-SQL changesets, run the way Spring Boot runs it
 * ({@link SpringLiquibase}, which never executes a rollback).
 */
final class LiquibaseContender implements Contender {

	static final String NAME = "liquibase";

	/** Liquibase logs through java.util.logging at INFO: held here so the WARNING level sticks. */
	private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

	static {
		LIQUIBASE_LOG.setLevel(Level.WARNING);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void apply(DataSource dataSource, Workload workload) throws Exception {
		update(dataSource, workload);
	}

	@Override
	public void check(DataSource dataSource, Workload workload) throws Exception {
		update(dataSource, workload);
	}

	private static void update(DataSource dataSource, Workload workload) throws Exception {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("file:" + changelog(workload));
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
	}

	/** One changelog file per size, written once: not part of any measurement. */
	static synchronized Path changelog(Workload workload) {
		Path file = BenchDatabase.workDirectory().resolve("changelog-" + workload.size() + ".sql");
		if (!Files.exists(file)) {
			StringBuilder sql = new StringBuilder("--liquibase formatted sql\n\n");
			for (int i = 1; i <= workload.size(); i++) {
				sql.append("--changeset bench:").append(i).append('\n');
				sql.append(workload.migrateSql(i)).append(";\n");
				sql.append("--rollback ").append(workload.rollbackSql(i)).append(";\n\n");
			}
			try {
				Files.createDirectories(file.getParent());
				Files.writeString(file, sql, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return file;
	}

}
