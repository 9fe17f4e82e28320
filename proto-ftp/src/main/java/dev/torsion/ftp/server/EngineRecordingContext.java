package dev.torsion.ftp.server;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that is another one (same keys, same session caches) and remembers the last
 * engine it made. The transport makes the control connection's engine inside {@code startTLS} and
 * keeps it; this is how an FTP session gets to see the TLS session its control connection
 * negotiated, to compare the data connections' sessions with it.
 */
final class EngineRecordingContext extends SSLContext {
    private final Spi spi;

    private EngineRecordingContext(Spi spi, SSLContext delegate) {
        super(spi, delegate.getProvider(), delegate.getProtocol());
        this.spi = spi;
    }

    /** A context that is {@code delegate}. */
    static EngineRecordingContext of(SSLContext delegate) {
        return new EngineRecordingContext(new Spi(delegate), delegate);
    }

    /** The last engine made, or null. */
    SSLEngine lastEngine() {
        return spi.last;
    }

    /** Everything passed to the delegate; engines recorded on their way out. */
    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private SSLEngine last;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
        }

        private SSLEngine record(SSLEngine engine) {
            last = engine;
            return engine;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw new UnsupportedOperationException("initialised through the context it wraps");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return delegate.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return record(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return record(delegate.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return delegate.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }
}
