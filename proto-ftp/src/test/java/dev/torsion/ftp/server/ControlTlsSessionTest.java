package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ftp.support.TestTls;
import dev.torsion.testing.StringTransport;
import java.lang.reflect.Proxy;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * The identity rule of session reuse: a data connection's session passes when it has the control
 * session's creation time and was born before the data connection (a resumed session), and fails
 * when it was born on the data connection (a full handshake) or belongs to another session.
 */
class ControlTlsSessionTest {
    /** A session that answers only its creation time. */
    private static SSLSession bornAt(long millis) {
        return (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(), new Class<?>[] {SSLSession.class},
                (proxy, method, args) -> method.getName().equals("getCreationTime") ? (Object) millis : null);
    }

    /** A control connection whose TLS session the test sets. */
    private static final class ControlTransport extends StringTransport {
        SSLSession session;

        @Override
        public SSLSession tlsSession() {
            return session;
        }
    }

    @Test
    void onlyTheControlSessionResumedPasses() {
        ControlTransport transport = new ControlTransport();
        ControlTlsSession control = new ControlTlsSession(transport, TestTls.serverOptions());
        assertFalse(control.resumedBy(bornAt(1), 2), "no control connection yet");
        // The control connection's engine, made from the options startTLS is given.
        SSLEngine engine = control.controlOptions().createEngine(null, -1);
        assertEquals(List.of("TLSv1.2"), List.of(engine.getSSLParameters().getProtocols()));
        transport.session = engine.getSession();
        long controlBorn = engine.getSession().getCreationTime();
        long dataConnected = controlBorn + 50;
        assertTrue(control.resumedBy(bornAt(controlBorn), dataConnected), "the control session, resumed");
        assertFalse(control.resumedBy(bornAt(dataConnected + 3), dataConnected), "a full handshake on the data connection");
        assertFalse(control.resumedBy(bornAt(controlBorn - 1), dataConnected), "another, older session resumed");
        assertFalse(control.resumedBy(bornAt(controlBorn), controlBorn), "born when the data connection was made");
        assertFalse(control.resumedBy(null, dataConnected));
    }
}
