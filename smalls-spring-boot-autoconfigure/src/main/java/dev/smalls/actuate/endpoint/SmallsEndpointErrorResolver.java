package dev.smalls.actuate.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the requests to the smalls endpoint that Spring MVC refuses before the endpoint
 * sees them (a body that is not a JSON object of numbers, a content type other than JSON, a
 * method the path does not take) with smalls' own {@code {"error", "action"}} body, as every
 * other refusal of the endpoint, instead of Spring Boot's generic error. Other requests are
 * left alone.
 */
public class SmallsEndpointErrorResolver implements HandlerExceptionResolver, Ordered {

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	public SmallsEndpointErrorResolver(ObjectProvider<PathMappedEndpoints> endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!isSmallsRequest(request)) {
			return null;
		}
		if (ex instanceof HttpMessageNotReadableException) {
			return write(response, 400, "The request body is not a JSON object of numbers. Nothing was changed.",
					"Send one JSON object, e.g. {\"to\": 1} or {\"batches\": 1, \"expected\": 3}, with "
							+ "Content-Type: application/json.");
		}
		if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
			MediaType type = unsupported.getContentType();
			return write(response, 400, "The request body must be JSON, not "
					+ ((type != null) ? Texts.shown(type.toString()) : "without a content type")
					+ ". Nothing was changed.",
					"Send the body with Content-Type: application/json, e.g. curl -H 'Content-Type: "
							+ "application/json' -d '{\"to\": 1}' ...");
		}
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return write(response, 405, "/actuator/smalls does not take " + Texts.shown(request.getMethod())
					+ " here. Nothing was changed.",
					"GET /actuator/smalls for the status (/actuator/smalls/tenants/<id> for a tenant's); POST to "
							+ "/actuator/smalls/migrate, /actuator/smalls/rollback or /actuator/smalls/repair to change it.");
		}
		return null;
	}

	private boolean isSmallsRequest(HttpServletRequest request) {
		PathMappedEndpoints endpoints = this.endpoints.getIfAvailable();
		String path = (endpoints != null) ? endpoints.getPath(EndpointId.of(SmallsEndpoint.ID)) : null;
		if (path == null) {
			return false;
		}
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		return uri.endsWith(path) || uri.contains(path + "/");
	}

	private static ModelAndView write(HttpServletResponse response, int status, String error, String action) {
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
		return new ModelAndView();
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

	@Override
	public int getOrder() {
		// Ahead of Spring MVC's own resolvers, just after Boot's DefaultErrorAttributes records the error.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
