package dev.torsion.netty;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** Trusts every certificate: for test clients of a self-signed test server only. */
final class TrustAll implements X509TrustManager {
    static final TrustAll INSTANCE = new TrustAll();

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
