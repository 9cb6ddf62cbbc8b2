package dev.smalls.actuate.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * smalls' {@code {"error": ..., "action": ...}} answer, written straight to the servlet
 * response by what answers before the endpoint is called (a filter, an exception resolver),
 * where no message converter writes it. Written by hand, so that it needs no JSON library.
 */
final class JsonRefusal {

	private JsonRefusal() {
	}

	static void write(HttpServletResponse response, int status, String error, String action) {
		try {
			response.setStatus(status);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write("{\"error\":" + json(error) + ",\"action\":" + json(action) + "}");
			response.getWriter().flush();
		}
		catch (IOException ex) {
			// The client went away; there is no one to answer.
		}
	}

	private static String json(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
