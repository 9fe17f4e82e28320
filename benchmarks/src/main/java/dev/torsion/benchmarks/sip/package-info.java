/** SIP: calls per second from a SIPp UAC through the proxy to a SIPp UAS, against Kamailio. */
package dev.torsion.benchmarks.sip;
