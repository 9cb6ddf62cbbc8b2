package dev.smalls.actuate.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

	HttpJson(int port) {
		this.port = port;
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
