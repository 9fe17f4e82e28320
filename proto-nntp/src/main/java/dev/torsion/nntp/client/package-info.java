/**
 * The NNTP client: {@link dev.torsion.nntp.client.NntpClient}, every command a Deferred, articles
 * collected or streamed, POST and IHAVE feeding, STARTTLS and AUTHINFO.
 */
package dev.torsion.nntp.client;
