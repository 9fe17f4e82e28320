package dev.torsion.ftp.client;

/** Whether the client's control connection has a transfer command out, for ABOR (RFC 959 §4.1.3). */
enum TransferState {
    /** No transfer command waits for its reply: ABOR goes through the queue. */
    IDLE,
    /** A transfer command went out and waits for its reply: ABOR goes out at once. */
    RUNNING,
    /** ABOR went out; the transfer's reply, then the ABOR's, are awaited. */
    ABORTING;

    /** A transfer command went out. */
    TransferState sent() {
        return RUNNING;
    }

    /** ABOR went out during the transfer. */
    TransferState aborted() {
        return this == RUNNING ? ABORTING : this;
    }

    /** The transfer command's final reply came. */
    TransferState answered() {
        return IDLE;
    }
}
