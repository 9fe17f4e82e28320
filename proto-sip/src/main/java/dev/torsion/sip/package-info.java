/** SIP (RFC 3261): the limits shared by the parser, the transactions, the transports and the registrar. */
package dev.torsion.sip;
