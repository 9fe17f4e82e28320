/**
 * HTTP's shared pieces: {@link dev.torsion.http.Headers}, status codes, dates, {@link dev.torsion.http.MessageWriter} (the one serialiser of heads and chunks, server and client), {@link dev.torsion.http.HttpError} and {@link dev.torsion.http.BodyPipe}.
 */
package dev.torsion.http;
