package dev.smalls.testapp.data;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The application's repository, which the data migration uses.
 */
public interface PersonRepository extends JpaRepository<Person, Long> {

	long countByFullNameIsNull();

}
