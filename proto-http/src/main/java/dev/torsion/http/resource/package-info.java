/**
 * The resource tree behind a server, as twisted.web's: {@link dev.torsion.http.resource.Site}, {@link dev.torsion.http.resource.Resource}, error pages, virtual hosts and the reverse proxy.
 */
package dev.torsion.http.resource;
