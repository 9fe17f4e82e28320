package dev.torsion.http.guard;

import dev.torsion.cred.LoginFailed;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.defer.CancelledError;
import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.HttpError;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.log.CombinedLogFormat;
import dev.torsion.http.resource.ErrorPage;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards a part of the resource tree with HTTP authentication, as twisted.web's
 * {@code HTTPAuthSessionWrapper}. Each request's {@code Authorization} header is decoded by the
 * {@link CredentialFactory} of its scheme and logged in through the {@link Portal}, asking for a
 * {@link Resource} avatar; the request is then served by that avatar's tree, walked along the rest
 * of the path ({@code /private/sub/file} reaches the avatar's {@code sub/file}). A request without
 * credentials, with an unknown scheme, malformed or wrong credentials gets a 401 with the challenges
 * (a malformed header is a 401 too, as in twisted.web: it asks the client to try again).
 *
 * <pre>{@code
 * Portal portal = new Portal(new SingleResourceRealm(new File(dir)), reactor, checkers);
 * root.putChild("private", new HttpAuthResource(portal, List.of(new BasicCredentialFactory("torsion"))));
 * }</pre>
 *
 * <p>Every request logs in again (HTTP authentication has no session). When the portal answers at
 * once (the usual case for a right password: checkers and realms that do not wait), the avatar's
 * resource is found while the head is read, so it decides the body limit and streaming as it would
 * unguarded. Otherwise (a refusal, delayed by the portal, or a realm that waits) the request body is
 * buffered up to the site's limit and the answer comes when the login does. The avatar's logout
 * runs when the response is finished. The logged-in user is {@link Request#getUser()}. Children
 * registered on this resource itself are never reached: everything below it is the avatar's.
 */
public final class HttpAuthResource extends Resource {
    private static final Logger log = LoggerFactory.getLogger(HttpAuthResource.class);

    private final Portal portal;
    private final List<CredentialFactory> factories;
    private final UnauthorizedResource unauthorized;

    /** A guard that logs in through {@code portal} with the schemes of {@code factories}. */
    public HttpAuthResource(Portal portal, List<CredentialFactory> factories) {
        this.portal = Objects.requireNonNull(portal, "portal");
        if (factories.isEmpty()) {
            throw new IllegalArgumentException("at least one credential factory is required");
        }
        this.factories = List.copyOf(factories);
        this.unauthorized = new UnauthorizedResource(this.factories);
    }

    @Override
    public Resource getChildWithDefault(String name, Request request) {
        // The segment belongs to the avatar's tree: put it back for the walk from the avatar.
        List<String> prepath = request.prepath();
        request.postpath().add(0, prepath.remove(prepath.size() - 1));
        return authorizedResource(request);
    }

    @Override
    public Rendered render(Request request) {
        return authorizedResource(request).render(request);
    }

    /** The resource that answers {@code request}: the 401, the avatar's, or one waiting for the login. */
    private Resource authorizedResource(Request request) {
        List<String> headers = request.requestHeaders().getAll("Authorization");
        if (headers.size() != 1) {
            return unauthorized;
        }
        String header = headers.get(0);
        int space = header.indexOf(' ');
        CredentialFactory factory = factoryFor(space < 0 ? header : header.substring(0, space));
        if (factory == null || space < 0) {
            return unauthorized;
        }
        Credentials credentials;
        try {
            credentials = factory.decode(header.substring(space + 1), request);
        } catch (LoginFailed e) {
            log.debug("{} from {}: {}", factory.scheme(), request.getClientAddress(), e.getMessage());
            return unauthorized;
        }
        return login(credentials, request);
    }

    private CredentialFactory factoryFor(String scheme) {
        for (CredentialFactory factory : factories) {
            if (factory.scheme().toLowerCase(Locale.ROOT).equals(scheme.toLowerCase(Locale.ROOT))) {
                return factory;
            }
        }
        return null;
    }

    private Resource login(Credentials credentials, Request request) {
        String user = credentials instanceof UsernameHashedPassword named ? named.username() : null;
        Deferred<Resource> avatar = portal.login(credentials, null, request.getClientAddress(), Resource.class)
                .addFinally(() -> destroy(credentials))
                .addCallback(result -> avatarResource(result, credentials, request))
                .addErrback(failure -> refusal(failure, request, user));
        Resource[] ready = new Resource[1];
        avatar.addCallback(resource -> ready[0] = resource);
        return ready[0] != null ? ready[0] : new PendingLoginResource(avatar);
    }

    /** The avatar's resource for the rest of the path; the user is recorded and logged out at the end. */
    private static Resource avatarResource(LoginResult result, Credentials credentials, Request request) {
        request.notifyFinish().addBoth((ignored, failure) -> {
            result.logout();
            return null;
        });
        if (credentials instanceof UsernameHashedPassword named) {
            request.setUser(named.username());
        }
        return Resource.getChildForRequest(result.avatar(Resource.class), request);
    }

    /** What answers a login or a walk that failed: a 401 for refusals, an error page otherwise. */
    private Resource refusal(Failure failure, Request request, String user) {
        Throwable error = failure.value();
        if (error instanceof LoginFailed) {
            // One line per refusal with the client's address, for fail2ban-style tools; never the password.
            log.info("login refused for user \"{}\" from {}", user == null ? "-" : CombinedLogFormat.escape(user),
                    CombinedLogFormat.host(request.getClientAddress()));
            return unauthorized;
        }
        // A cancelled login is a client gone away: nobody reads this answer.
        if (error instanceof CancelledError) {
            return unauthorized;
        }
        if (error instanceof HttpError httpError) {
            return new ErrorPage(httpError.status(), HttpStatus.reason(httpError.status()), httpError.getMessage());
        }
        log.error("login or avatar lookup failed for {}", request, error);
        return new ErrorPage(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "");
    }

    private static void destroy(Credentials credentials) {
        if (credentials instanceof Destroyable secret && !secret.isDestroyed()) {
            try {
                secret.destroy();
            } catch (DestroyFailedException e) {
                log.debug("credentials could not be wiped", e);
            }
        }
    }
}
