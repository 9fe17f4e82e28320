/**
 * The resource tree behind a server, as twisted.web's: {@link dev.torsion.http.resource.Site}, {@link dev.torsion.http.resource.Resource}, what a render answers ({@link dev.torsion.http.resource.Rendered}: a body now or {@code NOT_DONE_YET}), error pages, virtual hosts and the reverse proxy.
 */
package dev.torsion.http.resource;
