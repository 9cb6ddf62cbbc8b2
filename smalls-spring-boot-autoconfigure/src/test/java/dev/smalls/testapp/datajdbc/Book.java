package dev.smalls.testapp.datajdbc;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A book, mapped by Spring Data JDBC ({@code @Table} claims it for Spring Data JDBC, as JPA
 * is on this test class path too).
 *
 * @param id the id, assigned by the database
 * @param title the title
 */
@Table
public record Book(@Id Long id, String title) {

}
