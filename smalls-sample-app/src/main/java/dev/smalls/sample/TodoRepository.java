package dev.smalls.sample;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * To-dos through JPA.
 */
interface TodoRepository extends JpaRepository<Todo, Integer> {

	List<Todo> findByStatusOrderByPriorityAscIdAsc(String status);

}
