package com.example.migrations;

/** A bean of the application's. */
public interface AuditLog {

	void record(String event);

}
