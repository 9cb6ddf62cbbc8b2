package dev.smalls.actuate.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
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

	/** What the endpoint takes, for a request it does not. */
	static final String WHAT_TO_SEND = "GET /actuator/smalls for the status (/actuator/smalls/tenants/<id> for a "
			+ "tenant's, /actuator/smalls/drift for drift, /actuator/smalls/plan for the pending migrations' SQL); "
			+ "POST to /actuator/smalls/migrate, /actuator/smalls/rollback, /actuator/smalls/repair or "
			+ "/actuator/smalls/accept to change it (with management.endpoint.smalls.access=unrestricted).";


	static final String NOT_A_JSON_OBJECT = "The request body is not a JSON object of numbers. Nothing was changed.";

	static final String SEND_A_JSON_OBJECT = "Send one JSON object, e.g. {\"to\": 1} or {\"batches\": 1, "
			+ "\"expected\": 3}, with Content-Type: application/json.";

	private final SmallsEndpointRequests requests;

	public SmallsEndpointErrorResolver(ObjectProvider<PathMappedEndpoints> endpoints) {
		this.requests = new SmallsEndpointRequests(endpoints);
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!this.requests.matches(request)) {
			return null;
		}
		if (ex instanceof HttpMessageNotReadableException) {
			return write(response, 400, NOT_A_JSON_OBJECT, SEND_A_JSON_OBJECT);
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
					+ " here. Nothing was changed.", WHAT_TO_SEND);
		}
		return null;
	}

	private static ModelAndView write(HttpServletResponse response, int status, String error, String action) {
		JsonRefusal.write(response, status, error, action);
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		// Ahead of Spring MVC's own resolvers, just after Boot's DefaultErrorAttributes records the error.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
