package dev.smalls.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;

/**
 * A to-do, as JPA maps the table the migrations made. {@code smalls generate} compares this
 * class with the database: add a field here and it writes the migration that adds the column.
 */
@Entity
@Table(name = "todos")
public class Todo {

	@Id
	private Integer id;

	@Column(length = 200, nullable = false)
	private String title;

	@ColumnDefault("3")
	@Column(nullable = false)
	private int priority;

	@ColumnDefault("'open'")
	@Column(length = 20, nullable = false)
	private String status;

	@ManyToOne
	@JoinColumn(name = "tag_id", foreignKey = @ForeignKey(name = "fk_todos_tag"))
	private Tag tag;

	public Integer getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public int getPriority() {
		return this.priority;
	}

	public String getStatus() {
		return this.status;
	}

	public Tag getTag() {
		return this.tag;
	}

}
