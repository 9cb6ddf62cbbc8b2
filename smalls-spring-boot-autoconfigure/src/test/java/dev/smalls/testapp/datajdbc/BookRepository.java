package dev.smalls.testapp.datajdbc;

import org.springframework.data.repository.ListCrudRepository;

/**
 * The books.
 */
public interface BookRepository extends ListCrudRepository<Book, Long> {

}
