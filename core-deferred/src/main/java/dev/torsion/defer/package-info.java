/**
 * Results that are not there yet: {@link dev.torsion.defer.Deferred} with its callback and errback
 * chain, {@link dev.torsion.defer.Failure}, and the helpers that combine or coordinate Deferreds
 * ({@code DeferredList}, {@code Deferreds.gatherResults}, {@code DeferredLock}, {@code DeferredSemaphore},
 * {@code DeferredQueue}), as Twisted's {@code twisted.internet.defer}. Nothing here does I/O or knows threads
 * beyond interoperating with {@link java.util.concurrent.CompletionStage}.
 */
package dev.torsion.defer;
