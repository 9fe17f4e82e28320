package dev.torsion.nntp.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Articles split into headers and body and checked against RFC 5536. */
class ArticleParserTest {
    static final String FULL = "Path: a!b\r\nFrom: Alice <alice@example.org>\r\nNewsgroups: comp.lang.java, alt.test\r\n"
            + "Subject: Hello\r\n  folded\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@example.org>\r\n\r\nBody\r\n.dot\r\n";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(String text, List<String> mandatory) {
        return assertThrows(ArticleException.class, () -> ArticleParser.validate(ArticleParser.parse(b(text), 100), mandatory))
                .getMessage();
    }

    @Test
    void parsesFieldsFoldingAndBody() throws Exception {
        Article article = ArticleParser.parse(b(FULL), 100);
        ArticleParser.validate(article, ArticleParser.MANDATORY);
        assertEquals("Hello  folded", article.header("subject").orElseThrow());
        assertEquals(List.of("comp.lang.java", "alt.test"), article.newsgroups());
        assertEquals("<1@example.org>", article.messageId());
        assertArrayEquals(b("Body\r\n.dot\r\n"), article.body());
        assertEquals(2, article.bodyLines());
        assertEquals(FULL.indexOf("\r\n\r\n") + 2, article.head().length);
    }

    @Test
    void headersWithoutBody() throws Exception {
        Article article = ArticleParser.parse(b("From: a@b\r\nSubject: s\r\n"), 100);
        assertEquals(0, article.body().length);
        assertEquals(2, article.headers().size());
    }

    @Test
    void fieldsAddedFirstAndPathReplaced() throws Exception {
        Article article = ArticleParser.parse(b(FULL), 100).withFieldsFirst(List.of(new HeaderField("X-Added", "1")));
        assertEquals("X-Added", article.headers().get(0).name());
        assertArrayEquals(b("Body\r\n.dot\r\n"), article.body());
        Article relayed = article.withPath("us!a!b");
        assertEquals("us!a!b", relayed.header("Path").orElseThrow());
        assertEquals(1, relayed.count("Path"));
        assertArrayEquals(b("Body\r\n.dot\r\n"), relayed.body());
    }

    @Test
    void refusals() {
        assertEquals("Article has no headers", reason("\r\nbody only\r\n", List.of()));
        assertEquals("Article has no headers", reason("just text\r\n\r\nbody\r\n", List.of()));
        assertEquals("Article has no headers", reason(" folded first\r\n\r\n", List.of()));
        assertEquals("Article has no headers", reason("", List.of()));
        assertEquals("Malformed header field", reason("From: a@b\r\nno colon here\r\n\r\n", List.of()));
        assertEquals("Missing Subject header", reason("From: a@b\r\nNewsgroups: a.b\r\n\r\n", ArticleParser.POSTER_MANDATORY));
        assertEquals("Missing From header", reason("From:   \r\nNewsgroups: a.b\r\nSubject: s\r\n\r\n", ArticleParser.POSTER_MANDATORY));
        assertEquals("Duplicate Subject header", reason("Subject: a\r\nSubject: b\r\n\r\n", List.of()));
        assertEquals("Bad Message-ID", reason("Message-ID: nobrackets@x\r\n\r\n", List.of()));
        assertEquals("Bad newsgroup name", reason("Newsgroups: comp..java\r\n\r\n", List.of()));
        assertEquals("Missing Newsgroups header", reason("Newsgroups: ,\r\n\r\n", List.of()));
        assertEquals("Too many header fields", assertThrows(ArticleException.class,
                () -> ArticleParser.parse(b("A: 1\r\nB: 2\r\nC: 3\r\n\r\n"), 2)).getMessage());
    }
}
