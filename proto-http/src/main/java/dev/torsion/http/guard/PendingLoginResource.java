package dev.torsion.http.guard;

import dev.torsion.defer.Deferred;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import java.util.Objects;

/**
 * Stands for the avatar's resource while the login is still running (twisted.web's
 * {@code DeferredResource}): it renders that resource once known, without blocking the reactor, and
 * cancels the login when the client goes away first.
 */
final class PendingLoginResource extends Resource {
    private final Deferred<Resource> avatar;

    PendingLoginResource(Deferred<Resource> avatar) {
        super(true);
        this.avatar = avatar;
    }

    @Override
    public Rendered render(Request request) {
        Deferred<Rendered> body = avatar.addCallback(resource -> request.isLost()
                ? NOT_DONE_YET
                : Objects.requireNonNull(resource.render(request), "render returned null"));
        return Resource.renderLater(request, body);
    }
}
