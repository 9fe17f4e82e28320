package dev.torsion.nntp.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses and validates articles (RFC 5536 on RFC 5322's syntax). Pure. */
public final class ArticleParser {
    /** The header fields every article carries (RFC 5536 §3.1), each at most once. */
    public static final List<String> MANDATORY = List.of("From", "Date", "Message-ID", "Newsgroups", "Path", "Subject");
    /** What a poster must supply (RFC 5537 §3.5: the injecting agent adds Date, Message-ID and Path). */
    public static final List<String> POSTER_MANDATORY = List.of("From", "Newsgroups", "Subject");
    /** Fields that may appear at most once (RFC 5536 §3, RFC 5322 §3.6). */
    private static final Set<String> SINGLE = Set.of("from", "date", "message-id", "newsgroups", "path", "subject",
            "references", "followup-to", "expires", "control", "distribution", "sender", "reply-to");

    private ArticleParser() {
    }

    /**
     * Splits {@code bytes} (CR LF line ends, unstuffed) into header fields and body. RFC 5322
     * §2.2: a field is a name of printable characters other than colon, a colon, and a value that
     * may be folded onto lines starting with white space; the header section ends at the first
     * empty line (§2.1), or at the end when there is no body.
     *
     * @throws ArticleException when there are no header fields, a line is not a field, or there
     *     are more than {@code maxHeaders}
     */
    public static Article parse(byte[] bytes, int maxHeaders) throws ArticleException {
        List<HeaderField> fields = new ArrayList<>();
        int position = 0;
        StringBuilder current = null;
        String currentName = null;
        while (position < bytes.length) {
            int lf = lineEnd(bytes, position);
            int contentEnd = lf > position && bytes[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd == position) {
                if (currentName == null) {
                    throw new ArticleException("Article has no headers");
                }
                fields.add(new HeaderField(currentName, current.toString().strip()));
                return new Article(fields, bytes, position, Math.min(bytes.length, lf + 1));
            }
            String line = new String(bytes, position, contentEnd - position, StandardCharsets.UTF_8);
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (currentName == null) {
                    throw new ArticleException("Article has no headers");
                }
                current.append(line);
            } else {
                if (currentName != null) {
                    fields.add(new HeaderField(currentName, current.toString().strip()));
                    if (fields.size() >= maxHeaders) {
                        throw new ArticleException("Too many header fields");
                    }
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || !isFieldName(line.substring(0, colon))) {
                    throw new ArticleException(fields.isEmpty() ? "Article has no headers" : "Malformed header field");
                }
                currentName = line.substring(0, colon);
                current = new StringBuilder(line.substring(colon + 1));
            }
            position = lf + 1;
        }
        if (currentName == null) {
            throw new ArticleException("Article has no headers");
        }
        fields.add(new HeaderField(currentName, current.toString().strip()));
        return new Article(fields, bytes, bytes.length, bytes.length);
    }

    /**
     * Checks what RFC 5536 requires of an article: the fields in {@code mandatory} present and not
     * empty, single fields not repeated (§3), a valid Message-ID (§3.1.3) and valid group names in
     * Newsgroups (§3.1.4).
     */
    public static void validate(Article article, List<String> mandatory) throws ArticleException {
        for (String name : mandatory) {
            if (article.header(name).map(String::isBlank).orElse(true)) {
                throw new ArticleException("Missing " + name + " header");
            }
        }
        for (HeaderField field : article.headers()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (SINGLE.contains(name) && article.count(field.name()) > 1) {
                throw new ArticleException("Duplicate " + field.name() + " header");
            }
        }
        if (article.header("Message-ID").isPresent() && !MessageIds.isValid(article.messageId())) {
            throw new ArticleException("Bad Message-ID");
        }
        if (article.header("Newsgroups").isPresent()) {
            List<String> groups = article.newsgroups();
            if (groups.isEmpty()) {
                throw new ArticleException("Missing Newsgroups header");
            }
            for (String group : groups) {
                if (!isGroupName(group)) {
                    throw new ArticleException("Bad newsgroup name");
                }
            }
        }
    }

    /** RFC 5536 §3.1.4: dot-separated components of letters, digits, {@code +}, {@code -} and {@code _}. */
    public static boolean isGroupName(String name) {
        return name.length() <= 497 && name.matches("[A-Za-z0-9+_\\-]+(\\.[A-Za-z0-9+_\\-]+)*");
    }

    private static boolean isFieldName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }
}
