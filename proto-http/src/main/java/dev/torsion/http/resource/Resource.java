package dev.torsion.http.resource;

import dev.torsion.defer.Deferred;
import dev.torsion.http.Html;
import dev.torsion.http.HttpError;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.server.Request;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of the URL tree, as twisted.web's {@code Resource}. The {@link Site} walks the path
 * segment by segment with {@link #getChildWithDefault}: static children registered with
 * {@link #putChild} first, then {@link #getChild} for dynamic ones (404 by default). A
 * {@linkplain #isLeaf() leaf} stops the walk and gets the rest of the path in
 * {@link Request#postpath()}.
 *
 * <p>{@link #render} calls {@code renderGET}, {@code renderPOST}, ... after the method; a method
 * without its {@code renderX} is a 405 with {@code Allow}, and HEAD falls back to GET (the body is
 * then dropped). A render method answers now with the whole body ({@link Rendered#body},
 * {@link Rendered#text}, {@link Rendered#empty}), or later: it returns {@link #NOT_DONE_YET} and
 * finishes the request itself with {@link Request#write} and {@link Request#finish} (see
 * {@link Rendered}):
 *
 * <pre>{@code
 * final class Hello extends Resource {
 *     Hello() { super(true); }
 *     @Override protected Rendered renderGET(Request request) {
 *         request.setHeader("Content-Type", "text/plain; charset=utf-8");
 *         return Rendered.text("Hello, world!");
 *     }
 * }
 * }</pre>
 */
public class Resource {
    /**
     * Returned by a render method that will finish the response itself, later (twisted.web's
     * {@code NOT_DONE_YET}); a type of its own, never a body.
     */
    public static final Rendered.NotDoneYet NOT_DONE_YET = Rendered.NotDoneYet.NOT_DONE_YET;

    private static final Logger log = LoggerFactory.getLogger(Resource.class);
    private static final List<String> KNOWN_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final Map<Class<?>, List<String>> ALLOWED_BY_CLASS = new ConcurrentHashMap<>();

    private final boolean leaf;
    private final Map<String, Resource> children = new LinkedHashMap<>();

    /** A resource that is not a leaf. */
    public Resource() {
        this(false);
    }

    /** A resource that is a leaf when {@code leaf}. */
    protected Resource(boolean leaf) {
        this.leaf = leaf;
    }

    /** Whether the path walk stops here. */
    public boolean isLeaf() {
        return leaf;
    }

    /** Registers {@code child} under the path segment {@code name} (decoded; "" for a trailing slash). */
    public void putChild(String name, Resource child) {
        children.put(name, child);
    }

    /** The static children, by segment. */
    public Map<String, Resource> children() {
        return Collections.unmodifiableMap(children);
    }

    /** The child for segment {@code name}: a static one, else {@link #getChild}. */
    public Resource getChildWithDefault(String name, Request request) {
        Resource child = children.get(name);
        return child != null ? child : getChild(name, request);
    }

    /**
     * Walks down from {@code resource} along the request's {@link Request#postpath()}, moving each
     * segment to the prepath, until a leaf or the end of the path: twisted.web's
     * {@code getChildForRequest}. The {@link Site} walks from its root; a guard walks from the
     * avatar it logged in.
     */
    public static Resource getChildForRequest(Resource resource, Request request) {
        Resource current = resource;
        List<String> postpath = request.postpath();
        while (!current.isLeaf() && !postpath.isEmpty()) {
            String segment = postpath.remove(0);
            request.prepath().add(segment);
            current = current.getChildWithDefault(segment, request);
        }
        return current;
    }

    /** Finds a dynamic child; the default is a 404. */
    public Resource getChild(String name, Request request) {
        return ErrorPage.noResource();
    }

    /** The largest request body this resource accepts, or -1 for the site's default. */
    public long maxRequestBodySize() {
        return -1;
    }

    /**
     * Whether this resource takes {@code request}'s body as it arrives: then it renders as soon as
     * the head is in and reads the body with {@link Request#deliverBody} (an upload written to disk
     * piece by piece, a proxy passing it on). The default, false, buffers the body (up to
     * {@link #maxRequestBodySize()}) for {@link Request#content()} before rendering.
     */
    public boolean streamsRequestBody(Request request) {
        return false;
    }

    /**
     * Whether this resource may take {@code request}'s body. False when it surely answers with an
     * error whatever the body holds: a method it has no {@code renderX} for (405), so that the
     * request is answered at once without reading its body (as nginx answers). A resource that
     * overrides {@link #render} itself is asked nothing and accepts; an {@link ErrorPage} refuses.
     */
    public boolean acceptsRequestBody(Request request) {
        if (overridesRender(getClass())) {
            return true;
        }
        return allowedMethods().contains(request.method());
    }

    private static boolean overridesRender(Class<?> type) {
        for (Class<?> c = type; c != null && c != Resource.class; c = c.getSuperclass()) {
            for (Method declared : c.getDeclaredMethods()) {
                if (declared.getName().equals("render") && declared.getParameterCount() == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Renders the response by method; see the class comment. */
    public Rendered render(Request request) {
        // RFC 9110 section 9.1: the method is case-sensitive; "get" is not GET.
        return switch (request.method()) {
            case "GET" -> renderGET(request);
            case "HEAD" -> renderHEAD(request);
            case "POST" -> renderPOST(request);
            case "PUT" -> renderPUT(request);
            case "DELETE" -> renderDELETE(request);
            case "PATCH" -> renderPATCH(request);
            case "OPTIONS" -> renderOPTIONS(request);
            default -> methodNotAllowed(request);
        };
    }

    /** Renders GET. */
    protected Rendered renderGET(Request request) {
        return methodNotAllowed(request);
    }

    /** Renders HEAD: as GET unless overridden (the body is not sent). */
    protected Rendered renderHEAD(Request request) {
        return renderGET(request);
    }

    /** Renders POST. */
    protected Rendered renderPOST(Request request) {
        return methodNotAllowed(request);
    }

    /** Renders PUT. */
    protected Rendered renderPUT(Request request) {
        return methodNotAllowed(request);
    }

    /** Renders DELETE. */
    protected Rendered renderDELETE(Request request) {
        return methodNotAllowed(request);
    }

    /** Renders PATCH. */
    protected Rendered renderPATCH(Request request) {
        return methodNotAllowed(request);
    }

    /** Renders OPTIONS: an empty 204 with {@code Allow}. */
    protected Rendered renderOPTIONS(Request request) {
        request.setHeader("Allow", String.join(", ", allowedMethods()));
        request.setResponseCode(HttpStatus.NO_CONTENT);
        return Rendered.empty();
    }

    /** The methods this resource renders: those whose {@code renderX} a subclass overrides, HEAD with GET, and OPTIONS. */
    public List<String> allowedMethods() {
        return ALLOWED_BY_CLASS.computeIfAbsent(getClass(), Resource::findAllowedMethods);
    }

    private static List<String> findAllowedMethods(Class<?> type) {
        List<String> allowed = new ArrayList<>();
        for (String method : KNOWN_METHODS) {
            if (method.equals("OPTIONS") || (method.equals("HEAD") && overrides(type, "GET")) || overrides(type, method)) {
                allowed.add(method);
            }
        }
        return List.copyOf(allowed);
    }

    private static boolean overrides(Class<?> type, String method) {
        for (Class<?> c = type; c != null && c != Resource.class; c = c.getSuperclass()) {
            for (Method declared : c.getDeclaredMethods()) {
                if (declared.getName().equals("render" + method) && declared.getParameterCount() == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Answers 405 with the {@code Allow} header. */
    protected Rendered methodNotAllowed(Request request) {
        request.setResponseCode(HttpStatus.METHOD_NOT_ALLOWED);
        request.setHeader("Allow", String.join(", ", allowedMethods()));
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        return Rendered.text(Html.errorPage(405, "Method Not Allowed", "Your browser approached me (at " + request.path()
                + ") with the method \"" + request.method() + "\". I only allow the methods "
                + String.join(", ", allowedMethods()) + " here."));
    }

    /**
     * Answers from a Deferred: the body when it fires, an error page when it fails (an
     * {@link HttpError} gives its own status, anything else a 500). A result of
     * {@link #NOT_DONE_YET} (from a render that answers by itself, later) is left alone; a null
     * one is a 500. Returns {@link #NOT_DONE_YET}. If the client goes away first the Deferred is
     * cancelled. A {@code Deferred<byte[]>} is given as {@code bytes.addCallback(Rendered::body)}.
     */
    public static Rendered.NotDoneYet renderLater(Request request, Deferred<? extends Rendered> body) {
        request.notifyFinish().addErrback(failure -> {
            body.cancel();
            return null;
        });
        body.addCallbacks(rendered -> {
            if (request.isFinished()) {
                return null;
            }
            if (rendered == null) {
                log.error("deferred render gave null for {}", request);
                request.fail(HttpStatus.INTERNAL_SERVER_ERROR, "");
            } else if (rendered instanceof Rendered.Body answer) {
                try {
                    request.respond(answer.content());
                } catch (IllegalStateException e) {
                    log.error("inconsistent answer to {}", request, e);
                    request.fail(HttpStatus.INTERNAL_SERVER_ERROR, "");
                }
            }
            return null;
        }, failure -> {
            if (request.isFinished() || request.isLost()) {
                return null;
            }
            Throwable error = failure.value();
            int status = error instanceof HttpError httpError ? httpError.status() : HttpStatus.INTERNAL_SERVER_ERROR;
            if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
                log.error("deferred render failed for {}", request, error);
            }
            request.fail(status, error instanceof HttpError ? error.getMessage() : "");
            return null;
        });
        return NOT_DONE_YET;
    }
}
