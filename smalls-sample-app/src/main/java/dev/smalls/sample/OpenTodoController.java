package dev.smalls.sample;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open to-dos, most urgent first, read through the {@link Todo} entity.
 */
@RestController
class OpenTodoController {

	private final TodoRepository todos;

	OpenTodoController(TodoRepository todos) {
		this.todos = todos;
	}

	@GetMapping("/todos/open")
	List<Todo> open() {
		return this.todos.findByStatusOrderByPriorityAscIdAsc("open");
	}

}
