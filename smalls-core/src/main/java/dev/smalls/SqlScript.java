package dev.smalls;

import org.springframework.core.io.Resource;

/**
 * An init or seed SQL script.
 *
 * @param resource where the script is
 * @param location the location as the user wrote it, for messages
 * @param required whether a missing script is an error (a configured location) or is
 * skipped (a default location)
 */
public record SqlScript(Resource resource, String location, boolean required) {
}
