package dev.torsion.ssh.transport;

/** Where one key exchange stands (RFC 4253 sections 7 and 7.3). */
public enum KexPhase {
    /** No exchange running. */
    IDLE,
    /** We sent KEXINIT and wait for the peer's. */
    INIT_SENT,
    /** Both KEXINITs are known: the method's messages are being exchanged. */
    EXCHANGING,
    /** We sent NEWKEYS and wait for the peer's. */
    NEWKEYS_SENT
}
