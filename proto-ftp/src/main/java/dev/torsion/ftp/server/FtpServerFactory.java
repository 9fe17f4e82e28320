package dev.torsion.ftp.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;

/** Makes an {@link FtpServer} session for each control connection. */
public final class FtpServerFactory implements ProtocolFactory {
    private final FtpServerConfig config;

    /** Sessions configured by {@code config}. */
    public FtpServerFactory(FtpServerConfig config) {
        this.config = config;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new FtpServer(config);
    }
}
