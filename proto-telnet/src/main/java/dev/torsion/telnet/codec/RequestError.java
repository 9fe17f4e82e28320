package dev.torsion.telnet.codec;

/** Why a local request to change an option was not sent (RFC 1143 section 7 "error" cases). */
public enum RequestError {
    /** Enabling an option already on. */
    ALREADY_ENABLED,
    /** Disabling an option already off. */
    ALREADY_DISABLED,
    /** The same request is already in flight. */
    ALREADY_NEGOTIATING,
    /** The opposite request is in flight and this one is already queued behind it. */
    ALREADY_QUEUED
}
