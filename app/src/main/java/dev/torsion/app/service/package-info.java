/**
 * Services, as Twisted's {@code twisted.application.service}: things that start and stop with the
 * application ({@link dev.torsion.app.service.Service}, {@code MultiService}), and the listening service
 * that binds a server endpoint for a protocol factory.
 */
package dev.torsion.app.service;
