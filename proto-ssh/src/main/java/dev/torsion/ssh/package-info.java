/** SSH-2 for Torsion (RFC 4251-4254): limits shared by server and client; see the subpackages. */
package dev.torsion.ssh;
