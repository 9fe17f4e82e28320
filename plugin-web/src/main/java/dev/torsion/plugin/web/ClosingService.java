package dev.torsion.plugin.web;

import dev.torsion.app.service.BaseService;
import dev.torsion.defer.Deferred;
import java.io.Closeable;
import java.io.IOException;

/** Closes a resource (the access log file) when the application stops. */
final class ClosingService extends BaseService {
    private final Closeable resource;

    ClosingService(Closeable resource) {
        this.resource = resource;
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        try {
            resource.close();
            return Deferred.succeed(null);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
    }
}
