/**
 * Resources, as Twisted's {@code twisted.web.resource}: the tree a server walks to find who answers a
 * request ({@code Resource}, {@code Site}), with the ready ones: virtual hosts, reverse proxying
 * and error pages.
 */
package dev.torsion.http.resource;
