package dev.torsion.app.service;

import dev.torsion.app.StartupFailure;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.endpoints.ServerEndpoint;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a server endpoint with a protocol factory while it runs: Twisted's
 * {@code StreamServerEndpointService}. It binds in {@link #privilegedStartService()}, so that a
 * server opens port 80 as root before the runner drops to another user; stopping closes the port.
 */
public class ListeningService extends BaseService {
    private static final Logger log = LoggerFactory.getLogger(ListeningService.class);
    /** The system call and error number before the operating system's words in Netty's native errors. */
    private static final Pattern NATIVE_CALL_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ");

    private final ServerEndpoint endpoint;
    private final ProtocolFactory factory;
    private final String description;
    private final String option;
    private Deferred<ListeningPort> listening;
    private ListeningPort port;

    /**
     * Creates the service; {@code description} names the endpoint in log lines (the string it was
     * made from, say {@code tcp:8080}).
     */
    public ListeningService(ServerEndpoint endpoint, ProtocolFactory factory, String description) {
        this(endpoint, factory, description, "--listen " + description);
    }

    /**
     * Creates the service; a failure to listen is a {@link StartupFailure} naming {@code option}
     * (say {@code --port 8080}) and the reason ({@code Address already in use}).
     */
    public ListeningService(ServerEndpoint endpoint, ProtocolFactory factory, String description, String option) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.description = Objects.requireNonNull(description, "description");
        this.option = Objects.requireNonNull(option, "option");
    }

    @Override
    public Deferred<Void> privilegedStartService() {
        return listen();
    }

    @Override
    public Deferred<Void> startService() {
        super.startService();
        return listen();
    }

    /** Listens once; a second call waits for the first. */
    private Deferred<Void> listen() {
        if (listening == null) {
            Deferred<ListeningPort> attempt = endpoint.listen(factory);
            listening = attempt;
            attempt.addCallback(bound -> {
                if (listening == attempt) {
                    port = bound;
                    log.info("listening on {} ({})", bound.getHost(), description);
                }
                return bound;
            });
        }
        Deferred<ListeningPort> attempt = listening;
        Deferred<Void> result = new Deferred<>();
        attempt.addBoth((bound, failure) -> {
            if (failure != null) {
                // Forget the attempt so that a later start tries again; the caller gets the failure.
                if (listening == attempt) {
                    listening = null;
                }
                Throwable cause = failure.value();
                result.errback(cause instanceof StartupFailure ? cause : new StartupFailure(option, reason(cause), cause));
                return null;
            }
            result.callback(null);
            return bound;
        });
        return result;
    }

    /** Closes the port; when the bind is still under way, closes it once it is bound. */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        Deferred<ListeningPort> attempt = listening;
        listening = null;
        port = null;
        if (attempt == null) {
            return Deferred.succeed(null);
        }
        Deferred<Void> stopped = new Deferred<>();
        attempt.addBoth((bound, failure) -> {
            if (failure != null || bound == null) {
                stopped.callback(null);
                return null;
            }
            log.info("stopped listening on {} ({})", bound.getHost(), description);
            bound.stopListening().addBoth((ignored, stopFailure) -> {
                if (stopFailure != null) {
                    stopped.errback(stopFailure);
                } else {
                    stopped.callback(null);
                }
                return null;
            });
            return bound;
        });
        return stopped;
    }

    /** The innermost message of {@code error}: the operating system's words, such as {@code Address already in use}. */
    private static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getMessage();
        }
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        // Netty's native errors read "bind(..) failed with error(-98): Address already in use": keep the reason.
        return NATIVE_CALL_PREFIX.matcher(message).replaceFirst("");
    }

    /** The port once bound, else {@code null}. */
    public ListeningPort port() {
        return port;
    }

    /** The endpoint description given at creation. */
    public String description() {
        return description;
    }
}
