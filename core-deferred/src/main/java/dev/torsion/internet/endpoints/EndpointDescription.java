package dev.torsion.internet.endpoints;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint string taken apart, with Twisted's syntax: fields separated by colons, each either a
 * positional argument or a {@code key=value} keyword argument; a backslash makes the next character
 * literal ({@code \:} for a colon, {@code \=} for an equals sign, {@code \\} for a backslash). As in
 * Twisted, an equals sign inside a value needs no escape ({@code a=b=c} sets {@code a} to
 * {@code b=c}), but a colon does ({@code interface=\:\:1}).
 *
 * <pre>{@code
 * EndpointDescription d = EndpointDescription.parse("tcp:8080:interface=127.0.0.1");
 * d.kind();   // "tcp"
 * d.args();   // ["8080"]
 * d.kwargs(); // {interface=127.0.0.1}
 * }</pre>
 *
 * @param kind the first field: which kind of endpoint
 * @param args the positional arguments after the kind, unescaped
 * @param kwargs the keyword arguments, unescaped, in the order given
 */
public record EndpointDescription(String kind, List<String> args, Map<String, String> kwargs) {
    /** Copies the lists so that the description cannot change. */
    public EndpointDescription {
        args = List.copyOf(args);
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /**
     * Parses {@code description}. Throws {@link IllegalArgumentException} for an empty description
     * or kind, a trailing backslash, an empty or repeated keyword.
     */
    public static EndpointDescription parse(String description) {
        if (description == null || description.isEmpty()) {
            throw new IllegalArgumentException("empty endpoint description");
        }
        List<List<String>> fields = tokenize(description);
        List<String> args = new ArrayList<>();
        Map<String, String> kwargs = new LinkedHashMap<>();
        for (List<String> field : fields) {
            if (field.size() == 1) {
                args.add(field.get(0));
            } else {
                String key = field.get(0);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("empty keyword in endpoint description '" + description + "'");
                }
                if (kwargs.put(key, field.get(1)) != null) {
                    throw new IllegalArgumentException("keyword '" + key + "' given twice in endpoint description '"
                            + description + "'");
                }
            }
        }
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("endpoint description '" + description
                    + "' does not start with its kind (as in tcp:8080)");
        }
        return new EndpointDescription(args.get(0), args.subList(1, args.size()), kwargs);
    }

    /**
     * Splits into fields, each one string (positional) or two (keyword and value). After a colon,
     * both ':' and '=' are separators; after an '=', only ':' is, so a value may hold '='.
     */
    private static List<List<String>> tokenize(String description) {
        List<List<String>> fields = new ArrayList<>();
        List<String> field = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inValue = false;
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\') {
                if (i + 1 == description.length()) {
                    throw new IllegalArgumentException("endpoint description '" + description
                            + "' ends with a lone backslash");
                }
                current.append(description.charAt(++i));
            } else if (c == ':') {
                field.add(current.toString());
                fields.add(field);
                field = new ArrayList<>();
                current.setLength(0);
                inValue = false;
            } else if (c == '=' && !inValue) {
                field.add(current.toString());
                current.setLength(0);
                inValue = true;
            } else {
                current.append(c);
            }
        }
        field.add(current.toString());
        fields.add(field);
        return fields;
    }

    /** Escapes {@code value} so that it can be put into an endpoint string as one argument. */
    public static String quote(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
