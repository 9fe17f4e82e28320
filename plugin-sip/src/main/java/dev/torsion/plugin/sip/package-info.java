/** {@code torsion sip}: the runner plugin of the SIP registrar and stateful proxy. */
package dev.torsion.plugin.sip;
