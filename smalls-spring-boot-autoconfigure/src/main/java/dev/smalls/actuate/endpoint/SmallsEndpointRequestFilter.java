package dev.smalls.actuate.endpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.smalls.actuate.endpoint.WriteRequest.InvalidRequest;

/**
 * Refuses a request to the smalls endpoint whose keys come from where they must not
 * ({@link RequestKeys}), before Spring Boot merges the path, the body and the query string
 * into one map and the endpoint can no longer tell. A filter, because only the raw request
 * still shows where each key came from and how many times; the body it reads to see is passed
 * on to be read again.
 */
public class SmallsEndpointRequestFilter extends OncePerRequestFilter implements Ordered {

	private final SmallsEndpointRequests requests;

	private final ObjectProvider<EndpointMediaTypes> mediaTypes;

	/**
	 * Create a filter.
	 * @param endpoints where the endpoints are mapped, looked up when a request comes
	 * @param mediaTypes the media types the endpoints consume, looked up when a request comes
	 */
	public SmallsEndpointRequestFilter(ObjectProvider<PathMappedEndpoints> endpoints,
			ObjectProvider<EndpointMediaTypes> mediaTypes) {
		this.requests = new SmallsEndpointRequests(endpoints);
		this.mediaTypes = mediaTypes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.requests.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String method = request.getMethod();
		boolean write = HttpMethod.POST.matches(method);
		// Read only a body the endpoint would read: Spring MVC refuses a POST of any other type.
		byte[] body = (write && isConsumed(request)) ? request.getInputStream().readAllBytes() : null;
		try {
			if (write) {
				RequestKeys.checkWrite(names(body, request), request.getParameterMap());
			}
			else if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
				RequestKeys.checkRead(request.getParameterMap());
			}
		}
		catch (InvalidRequest ex) {
			JsonRefusal.write(response, WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.getAction());
			return;
		}
		chain.doFilter((body != null) ? new CachedBodyRequest(request, body) : request, response);
	}

	private static List<String> names(byte @Nullable [] body, HttpServletRequest request) {
		if (body == null || body.length == 0) {
			return List.of();
		}
		List<String> names = JsonObjectNames.of(decoded(body, request));
		if (names == null) {
			throw new InvalidRequest(SmallsEndpointErrorResolver.NOT_A_JSON_OBJECT,
					SmallsEndpointErrorResolver.SEND_A_JSON_OBJECT);
		}
		return names;
	}

	private static String decoded(byte[] body, HttpServletRequest request) {
		String encoding = request.getCharacterEncoding();
		try {
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			// Strictly: bytes that are no text in the charset are no JSON either.
			return charset.newDecoder().decode(ByteBuffer.wrap(body)).toString();
		}
		catch (CharacterCodingException | IllegalArgumentException ex) {
			throw new InvalidRequest(SmallsEndpointErrorResolver.NOT_A_JSON_OBJECT,
					SmallsEndpointErrorResolver.SEND_A_JSON_OBJECT);
		}
	}

	private boolean isConsumed(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			List<String> consumed = this.mediaTypes.getIfAvailable(() -> EndpointMediaTypes.DEFAULT).getConsumed();
			return consumed.stream().map(MediaType::parseMediaType).anyMatch((candidate) -> candidate.includes(type));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	@Override
	public int getOrder() {
		// Late: after Spring Security (-100 by default) and any filter that decides whether the
		// request may be made at all, so that a caller without that right learns nothing here.
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
