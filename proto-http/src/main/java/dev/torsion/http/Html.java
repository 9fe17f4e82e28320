package dev.torsion.http;

/** Escaping for text placed in HTML, so that names from the outside never become markup. */
public final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} in {@code text}. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A minimal error page: a title with code and brief, and an escaped detail paragraph (may be empty). */
    public static String errorPage(int code, String brief, String detail) {
        String title = code + " - " + escape(brief);
        return "<html>\n  <head><title>" + title + "</title></head>\n  <body>\n    <h1>" + escape(brief)
                + "</h1>\n    <p>" + escape(detail) + "</p>\n  </body>\n</html>\n";
    }
}
