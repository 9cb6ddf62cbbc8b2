package dev.smalls.generate.model.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import org.hibernate.annotations.ColumnDefault;

/**
 * An entity with a field of each type applications commonly map, some of which no portable
 * column type writes on every database.
 */
@Entity
public class Gadget {

	@Id
	private Long id;

	private int count;

	private long total;

	private short rank;

	private byte level;

	private boolean active;

	@Column(precision = 12, scale = 3)
	private BigDecimal price;

	private double weight;

	private float ratio;

	@Column(length = 80)
	private String label;

	@Column(length = 100000)
	private String notes;

	@Lob
	private String body;

	private char grade;

	private LocalDate madeOn;

	private LocalDateTime seenAt;

	private Instant stampedAt;

	private LocalTime opensAt;

	private UUID token;

	private byte[] thumbnail;

	@Enumerated(EnumType.STRING)
	private Colour colour;

	@ColumnDefault("'new'")
	@Column(length = 20, nullable = false)
	private String state;

	@ColumnDefault("1.5")
	@Column(precision = 5, scale = 2)
	private BigDecimal factor;

	@Column(columnDefinition = "varchar(33) default 'x'")
	private String coded;

	/**
	 * A colour.
	 */
	public enum Colour {

		/** Red. */
		RED,

		/** Green. */
		GREEN

	}

}
