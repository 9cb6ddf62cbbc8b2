package dev.smalls.shell;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The worst exit status of the smalls commands run in this process, so a one-shot run
 * ({@code java -jar app.jar smalls migrate}) exits non-zero when its command failed. Spring
 * Shell itself only logs a failed command's status.
 */
public class ShellExitCode implements ExitCodeGenerator {

	private volatile int code;

	/**
	 * Remember a command's exit status.
	 * @param status the status, 0 for success
	 */
	public void record(int status) {
		if (status != 0 && this.code == 0) {
			this.code = status;
		}
	}

	@Override
	public int getExitCode() {
		return this.code;
	}

}
