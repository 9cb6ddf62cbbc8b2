package dev.smalls.sample;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the migrated table: by the time this controller exists, smalls has run.
 */
@RestController
class TodoController {

	private final JdbcTemplate jdbc;

	TodoController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/todos")
	List<Map<String, Object>> todos() {
		return this.jdbc.queryForList("SELECT * FROM todos ORDER BY id");
	}

}
