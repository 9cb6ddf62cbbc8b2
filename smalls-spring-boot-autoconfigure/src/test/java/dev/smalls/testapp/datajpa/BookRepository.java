package dev.smalls.testapp.datajpa;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The books.
 */
public interface BookRepository extends JpaRepository<Book, Long> {

}
