package dev.torsion.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    @Test
    void matchesHostDomainPathAndSecure() {
        CookieJar jar = new CookieJar();
        jar.store(URI.create("https://www.example.org/app/login"), List.of("host=1", "wide=2; Domain=example.org; Path=/",
                "secret=3; Secure; Path=/", "evil=4; Domain=other.org", "gone=5; Max-Age=0"));
        assertEquals("host=1; wide=2; secret=3", jar.cookieHeader(URI.create("https://www.example.org/app/x")));
        assertEquals("wide=2", jar.cookieHeader(URI.create("http://api.example.org/")));
        assertEquals("wide=2", jar.cookieHeader(URI.create("http://www.example.org/")));
        assertNull(jar.cookieHeader(URI.create("http://other.org/")));
        assertNull(jar.cookieHeader(URI.create("https://www.example.org/application")) == null ? null
                : jar.cookieHeader(URI.create("https://www.example.org/application")).contains("host=1") ? "leak" : null);
    }

    @Test
    void laterCookieReplacesEarlierAndMaxAgeZeroDeletes() {
        CookieJar jar = new CookieJar();
        URI site = URI.create("http://example.org/");
        jar.store(site, List.of("a=1"));
        jar.store(site, List.of("a=2"));
        assertEquals("a=2", jar.cookieHeader(site));
        jar.store(site, List.of("a=3; Max-Age=0"));
        assertNull(jar.cookieHeader(site));
        assertEquals(0, jar.size());
    }
}
