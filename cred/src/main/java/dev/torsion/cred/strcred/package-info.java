/** Checkers from strings such as the runner's {@code --auth memory:alice:secret}, as Twisted's {@code strcred}. */
package dev.torsion.cred.strcred;
