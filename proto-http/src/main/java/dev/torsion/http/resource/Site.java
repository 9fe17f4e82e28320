package dev.torsion.http.resource;

import dev.torsion.http.HttpError;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.log.AccessLog;
import dev.torsion.http.server.HttpServerFactory;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestHandler;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.server.SessionManager;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web site: a {@link Resource} tree behind HTTP, as twisted.web's {@code Site}. It looks each
 * request's resource up as soon as the head arrives (so the resource decides how large a body it
 * takes and whether it streams it), renders it once the body is in (or at once for a resource that
 * streams its body), turns failures into error pages (no stack trace unless
 * {@link ServerConfig#showTracebacks()}), and writes the access log.
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("hello", new Hello());
 * Site site = new Site(root);
 * reactor.listenTCP(8080, site.factory(reactor));
 * }</pre>
 */
public class Site implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(Site.class);

    private final Resource root;
    private final ServerConfig config;
    private AccessLog accessLog;
    private SessionManager sessions;
    private Duration sessionTimeout = Duration.ofMinutes(15);

    /** A site for {@code root} with the default settings. */
    public Site(Resource root) {
        this(root, ServerConfig.DEFAULT);
    }

    /** A site for {@code root} with {@code config}. */
    public Site(Resource root, ServerConfig config) {
        this.root = root;
        this.config = config;
    }

    /** The root resource. */
    public Resource root() {
        return root;
    }

    /** The settings connections of this site use. */
    public ServerConfig config() {
        return config;
    }

    /** Sets the access log (null: none). */
    public Site setAccessLog(AccessLog newLog) {
        this.accessLog = newLog;
        return this;
    }

    /** Sets how long unused sessions live (before the first factory is made). */
    public Site setSessionTimeout(Duration timeout) {
        this.sessionTimeout = timeout;
        return this;
    }

    /** The site's sessions (made with the clock of the first factory). */
    public SessionManager sessions(Clock clock) {
        if (sessions == null) {
            sessions = new SessionManager(clock, sessionTimeout);
        }
        return sessions;
    }

    /** A factory of plain connections for this site. */
    public ProtocolFactory factory(Clock clock) {
        return new HttpServerFactory(this, config, clock, false, sessions(clock));
    }

    /** A factory for connections that run over TLS (requests say {@link Request#isSecure()}). */
    public ProtocolFactory secureFactory(Clock clock) {
        return new HttpServerFactory(this, config, clock, true, sessions(clock));
    }

    /** Walks the resource tree along the request's path. */
    public Resource getResourceFor(Request request) {
        return Resource.getChildForRequest(root, request);
    }

    @Override
    public long headReceived(Request request) {
        Resource resource;
        try {
            resource = getResourceFor(request);
        } catch (HttpError e) {
            resource = new ErrorPage(e.status(), HttpStatus.reason(e.status()), e.getMessage());
        } catch (RuntimeException e) {
            log.error("resource lookup failed for {}", request, e);
            resource = new ErrorPage(500, "Internal Server Error", traceback(e));
        }
        request.setHandlerState(resource);
        long limit = resource.maxRequestBodySize();
        return limit >= 0 ? limit : config.maxBodySize();
    }

    @Override
    public boolean streamsBody(Request request) {
        return request.handlerState(Resource.class).streamsRequestBody(request);
    }

    @Override
    public boolean refusesBody(Request request) {
        return !request.handlerState(Resource.class).acceptsRequestBody(request);
    }

    @Override
    public void requestReceived(Request request) {
        Resource resource = request.handlerState(Resource.class);
        Rendered rendered;
        try {
            rendered = resource.render(request);
        } catch (HttpError e) {
            answerError(request, e.status(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("render failed for {}", request, e);
            answerError(request, HttpStatus.INTERNAL_SERVER_ERROR, traceback(e));
            return;
        }
        if (rendered == null) {
            log.error("{} returned null from render for {}", resource.getClass().getName(), request);
            answerError(request, HttpStatus.INTERNAL_SERVER_ERROR, "");
            return;
        }
        if (!(rendered instanceof Rendered.Body body)) {
            return; // NOT_DONE_YET: the resource finishes the request itself
        }
        try {
            request.respond(body.content());
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.error("{} answered {} inconsistently", resource.getClass().getName(), request, e);
            answerError(request, HttpStatus.INTERNAL_SERVER_ERROR, traceback(e));
        }
    }

    @Override
    public void requestDone(Request request) {
        if (accessLog != null) {
            accessLog.log(request);
        }
    }

    private void answerError(Request request, int status, String detail) {
        request.fail(status, detail);
    }

    private String traceback(Throwable error) {
        if (!config.showTracebacks()) {
            return "";
        }
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
