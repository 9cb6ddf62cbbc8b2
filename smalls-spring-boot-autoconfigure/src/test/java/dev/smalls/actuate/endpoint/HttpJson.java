package dev.smalls.actuate.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to the running test server.
 */
final class HttpJson {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final int port;

	private final @Nullable String authorization;

	HttpJson(int port) {
		this(port, null);
	}

	private HttpJson(int port, @Nullable String authorization) {
		this.port = port;
		this.authorization = authorization;
	}

	/**
	 * The same calls, made as a user with HTTP basic authentication.
	 * @param user the user
	 * @param password the password
	 * @return calls as that user
	 */
	HttpJson as(String user, String password) {
		return new HttpJson(this.port, "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	Response get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	Response post(String path, String body) throws IOException, InterruptedException {
		return send("POST", path, "application/json", body);
	}

	Response send(String method, String path, @Nullable String contentType, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return send(request.build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private Response send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body(),
				response.headers().firstValue("Content-Type").orElse(""));
	}

	record Response(int status, String body, String contentType) {

		JsonNode json() {
			return HttpJson.json.readTree(this.body);
		}

	}

}
