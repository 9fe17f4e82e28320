package dev.torsion.http.guard;

import dev.torsion.http.Html;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import java.util.List;

/**
 * The answer to a request without acceptable credentials, as twisted.web's
 * {@code UnauthorizedResource}: a 401 with one {@code WWW-Authenticate} challenge per scheme and a
 * short page that does not say why (missing, malformed and wrong credentials look the same).
 */
public final class UnauthorizedResource extends Resource {
    private final List<CredentialFactory> factories;

    /** A 401 that challenges for each of {@code factories}. */
    public UnauthorizedResource(List<CredentialFactory> factories) {
        super(true);
        this.factories = List.copyOf(factories);
    }

    @Override
    public Rendered render(Request request) {
        request.setResponseCode(HttpStatus.UNAUTHORIZED);
        request.responseHeaders().remove("Content-Length");
        for (CredentialFactory factory : factories) {
            request.addHeader("WWW-Authenticate", factory.challenge(request));
        }
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        return Rendered.text(Html.errorPage(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "This resource requires a user name and a password."));
    }
}
