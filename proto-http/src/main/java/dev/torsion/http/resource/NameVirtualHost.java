package dev.torsion.http.resource;

import dev.torsion.http.server.Request;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Serves several sites on one port by the host name the client asked for, as twisted.web's
 * {@code vhost.NameVirtualHost}: each name (without port, case-insensitive) has its resource; other
 * names get the default (a 404 unless set).
 */
public class NameVirtualHost extends Resource {
    private final Map<String, Resource> hosts = new HashMap<>();
    private Resource defaultResource = ErrorPage.noResource();

    /** Serves {@code resource} to requests for {@code hostname}. */
    public void addHost(String hostname, Resource resource) {
        hosts.put(hostname.toLowerCase(Locale.ROOT), resource);
    }

    /** Stops serving {@code hostname}. */
    public void removeHost(String hostname) {
        hosts.remove(hostname.toLowerCase(Locale.ROOT));
    }

    /** Serves {@code resource} to requests for unknown names. */
    public void setDefault(Resource resource) {
        this.defaultResource = resource;
    }

    /** The resource for {@code request}'s host. */
    protected Resource hostResource(Request request) {
        String host = request.getRequestHostname().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return hosts.getOrDefault(host, defaultResource);
    }

    @Override
    public Resource getChildWithDefault(String name, Request request) {
        Resource host = hostResource(request);
        if (host.isLeaf()) {
            // The host's resource takes the whole path: put the segment back for it.
            request.postpath().add(0, name);
            request.prepath().remove(request.prepath().size() - 1);
            return new HostLeaf(host);
        }
        return host.getChildWithDefault(name, request);
    }

    @Override
    public Rendered render(Request request) {
        return hostResource(request).render(request);
    }

    /** A host's leaf resource reached through the virtual host, with the whole path left to it. */
    private static final class HostLeaf extends Resource {
        private final Resource target;

        HostLeaf(Resource target) {
            super(true);
            this.target = target;
        }

        @Override
        public Rendered render(Request request) {
            return target.render(request);
        }

        @Override
        public long maxRequestBodySize() {
            return target.maxRequestBodySize();
        }
    }
}
