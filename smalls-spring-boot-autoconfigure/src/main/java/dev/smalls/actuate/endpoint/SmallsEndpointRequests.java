package dev.smalls.actuate.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Whether a request is one to the smalls endpoint or below it. Matched as Spring MVC matches
 * the endpoint's own mappings (the decoded path, below the context path and the
 * DispatcherServlet's), so that no spelling of the path that reaches the endpoint
 * ({@code /actuator/%73malls/migrate}, {@code /actuator/smalls;x=y/migrate}) goes
 * unrecognised on its way there.
 */
final class SmallsEndpointRequests {

	private static final EndpointId ID = EndpointId.of(SmallsEndpoint.ID);

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	private volatile @Nullable Match match;

	SmallsEndpointRequests(ObjectProvider<PathMappedEndpoints> endpoints) {
		this.endpoints = endpoints;
	}

	boolean matches(HttpServletRequest request) {
		PathPattern pattern = pattern();
		return pattern != null && pattern.matches(requestPath(request).pathWithinApplication());
	}

	private @Nullable PathPattern pattern() {
		PathMappedEndpoints endpoints = this.endpoints.getIfAvailable();
		String path = (endpoints != null) ? endpoints.getPath(ID) : null;
		if (path == null) {
			return null;
		}
		Match match = this.match;
		if (match == null || !match.path().equals(path)) {
			match = new Match(path, PathPatternParser.defaultInstance.parse(path + "/**"));
			this.match = match;
		}
		return match.pattern();
	}

	private static RequestPath requestPath(HttpServletRequest request) {
		if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return ServletRequestPathUtils.getParsedRequestPath(request);
		}
		// Ahead of the DispatcherServlet (in a filter): parse it as the servlet will, and leave
		// the request as it was.
		RequestPath path = ServletRequestPathUtils.parseAndCache(request);
		ServletRequestPathUtils.clearParsedRequestPath(request);
		return path;
	}

	private record Match(String path, PathPattern pattern) {
	}

}
