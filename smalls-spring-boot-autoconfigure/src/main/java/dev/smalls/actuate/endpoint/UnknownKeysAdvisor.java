package dev.smalls.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Refuses a write request to the smalls endpoint that carries a key the endpoint does not
 * take, or a key without a value. Spring Boot binds a request body's keys to an operation's
 * parameters and ignores the rest, so {@code {"target": 2}} would otherwise migrate
 * everything pending and {@code {"to": 1, "batchez": 1}} roll back: a misspelled key must
 * stop the request instead. As an advisor it sees every argument, whatever the web stack.
 */
public class UnknownKeysAdvisor implements OperationInvokerAdvisor {

	private static final int SHOWN_KEYS = 5;

	@Override
	public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
			OperationInvoker invoker) {
		if (!endpointId.equals(EndpointId.of(SmallsEndpoint.ID)) || operationType != OperationType.WRITE) {
			return invoker;
		}
		Set<String> names = parameters.stream().map(OperationParameter::getName).collect(Collectors.toSet());
		return (context) -> {
			Map<String, Object> arguments = context.getArguments();
			Object action = arguments.get("action");
			List<String> unknown = new ArrayList<>();
			List<String> empty = new ArrayList<>();
			arguments.forEach((key, value) -> {
				if (!names.contains(key)) {
					unknown.add(key);
				}
				else if (value == null) {
					empty.add(key);
				}
			});
			if (!unknown.isEmpty()) {
				return unknownKeys(String.valueOf(action), unknown);
			}
			if (!empty.isEmpty()) {
				return SmallsEndpoint.response(WebEndpointResponse.STATUS_BAD_REQUEST,
						"'" + empty.get(0) + "' is null. Nothing was changed.",
						"Leave out a key you do not mean to send, e.g. " + WriteRequest.examples(String.valueOf(action))
								+ ".");
			}
			return invoker.invoke(context);
		};
	}

	private static WebEndpointResponse<Map<String, Object>> unknownKeys(String action, List<String> unknown) {
		String shown = unknown.stream()
			.limit(SHOWN_KEYS)
			.map((key) -> "'" + Texts.shown(key) + "'")
			.collect(Collectors.joining(", "));
		String more = (unknown.size() > SHOWN_KEYS) ? " and " + (unknown.size() - SHOWN_KEYS) + " more" : "";
		boolean known = WriteRequest.ACTIONS.contains(action);
		return SmallsEndpoint.response(WebEndpointResponse.STATUS_BAD_REQUEST,
				"Unknown " + ((unknown.size() == 1) ? "key " : "keys ") + shown + more + " in the request. Nothing "
						+ "was changed.",
				known ? Texts.shown(action) + " takes " + WriteRequest.keys(action)
					.stream()
					.map((key) -> "\"" + key + "\"")
					.collect(Collectors.joining(", ")) + ", e.g. " + WriteRequest.examples(action) + "."
						: "POST to /actuator/smalls/migrate, /actuator/smalls/rollback, /actuator/smalls/repair or /actuator/smalls/accept.");
	}

}
