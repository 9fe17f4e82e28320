/** Deferred against CompletableFuture: the JMH benchmark of callbacks chained and fired. */
package dev.torsion.benchmarks.defer;
