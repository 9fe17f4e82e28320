package dev.torsion.http.websocket.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The negotiation of permessage-deflate (RFC 7692 section 7.1) on the {@code Sec-WebSocket-Extensions}
 * header (RFC 6455 section 9.1), pure: a server picks the first offer it can honour, a client checks
 * the server's answer to its own offer.
 *
 * <p>This side compresses with the JDK's deflater, whose window is always 32 KiB: an offer that
 * asks the server to compress with a smaller window ({@code server_max_window_bits} below 15) is
 * declined, as section 7.1.2.1 allows, and this client never offers {@code client_max_window_bits}.
 * Any window the peer compresses with is inflated (the inflater's window is the largest).
 *
 * @param serverNoContextTakeover the server starts each message's compression afresh
 * @param clientNoContextTakeover the client starts each message's compression afresh
 */
public record PerMessageDeflate(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
    /** The extension's name. */
    public static final String NAME = "permessage-deflate";

    /** What a client offers: the extension with no parameter (it accepts whatever context the server keeps). */
    public static String clientOffer() {
        return NAME;
    }

    /** The response header value that accepts these parameters. */
    public String responseHeader() {
        StringBuilder value = new StringBuilder(NAME);
        if (serverNoContextTakeover) {
            value.append("; server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            value.append("; client_no_context_takeover");
        }
        return value.toString();
    }

    /** Whether the given side starts each message it sends afresh. */
    public boolean noContextTakeover(Side sender) {
        return sender == Side.SERVER ? serverNoContextTakeover : clientNoContextTakeover;
    }

    /**
     * A server's choice among a client's offers (the header values, in order), or null when none
     * is permessage-deflate with parameters this side can honour (RFC 7692 section 7.1: an offer
     * with an unknown, repeated or invalid parameter is declined). A header that is not the
     * extension grammar declines all.
     */
    public static PerMessageDeflate accept(List<String> headerValues) {
        List<Extension> offers;
        try {
            offers = parse(headerValues);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Extension offer : offers) {
            if (offer.name().equals(NAME)) {
                PerMessageDeflate accepted = acceptOffer(offer.params());
                if (accepted != null) {
                    return accepted;
                }
            }
        }
        return null;
    }

    private static PerMessageDeflate acceptOffer(Map<String, String> params) {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        for (Map.Entry<String, String> param : params.entrySet()) {
            String value = param.getValue();
            switch (param.getKey()) {
                case "server_no_context_takeover", "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    if (param.getKey().startsWith("server")) {
                        serverNoContext = true;
                    } else {
                        clientNoContext = true;
                    }
                }
                case "server_max_window_bits" -> {
                    // Section 7.1.2.1: this side cannot compress with a window under 15 bits.
                    if (windowBits(value) != 15) {
                        return null;
                    }
                }
                case "client_max_window_bits" -> {
                    // Section 7.1.2.2: the client may say it supports the parameter; the server need not use it.
                    if (value != null && windowBits(value) < 0) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new PerMessageDeflate(serverNoContext, clientNoContext);
    }

    /**
     * A client's reading of the server's answer to {@link #clientOffer()}: the agreed parameters,
     * or null when the server did not accept the extension. Fails (section 7.1: the client must
     * fail the connection) on anything it did not offer or cannot honour.
     */
    public static PerMessageDeflate fromResponse(List<String> headerValues) throws WebSocketException {
        List<Extension> accepted;
        try {
            accepted = parse(headerValues);
        } catch (IllegalArgumentException e) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "invalid Sec-WebSocket-Extensions: " + e.getMessage());
        }
        if (accepted.isEmpty()) {
            return null;
        }
        if (accepted.size() > 1 || !accepted.get(0).name().equals(NAME)) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "the server accepted an extension not offered: " + headerValues);
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        for (Map.Entry<String, String> param : accepted.get(0).params().entrySet()) {
            String value = param.getValue();
            switch (param.getKey()) {
                case "server_no_context_takeover" -> serverNoContext = flag(param.getKey(), value);
                case "client_no_context_takeover" -> clientNoContext = flag(param.getKey(), value);
                case "server_max_window_bits" -> {
                    if (windowBits(value) < 0) {
                        throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "invalid server_max_window_bits " + value);
                    }
                }
                default -> throw new WebSocketException(CloseCodes.PROTOCOL_ERROR,
                        "permessage-deflate parameter not offered: " + param.getKey());
            }
        }
        return new PerMessageDeflate(serverNoContext, clientNoContext);
    }

    private static boolean flag(String name, String value) throws WebSocketException {
        if (value != null) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, name + " with a value");
        }
        return true;
    }

    /** Section 7.1.2: 8 to 15, digits only; -1 when invalid. */
    private static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    /** One extension of a {@code Sec-WebSocket-Extensions} list, with its parameters in order. */
    record Extension(String name, Map<String, String> params) {
    }

    /**
     * RFC 6455 section 9.1: {@code extension *( "," extension )}, each {@code token *( ";" param )},
     * a param {@code token [ "=" (token | quoted-string) ]}. A repeated parameter is refused.
     */
    static List<Extension> parse(List<String> headerValues) {
        List<Extension> extensions = new ArrayList<>();
        for (String header : headerValues) {
            for (String item : header.split(",", -1)) {
                String trimmed = item.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = trimmed.split(";", -1);
                String name = token(parts[0].trim());
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim();
                    int equals = param.indexOf('=');
                    String key = token(equals < 0 ? param : param.substring(0, equals).trim()).toLowerCase(Locale.ROOT);
                    String value = equals < 0 ? null : unquote(param.substring(equals + 1).trim());
                    if (params.containsKey(key)) {
                        throw new IllegalArgumentException("repeated parameter " + key);
                    }
                    params.put(key, value);
                }
                extensions.add(new Extension(name.toLowerCase(Locale.ROOT), params));
            }
        }
        return extensions;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return token(value.substring(1, value.length() - 1));
        }
        return token(value);
    }

    private static String token(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean separator = "()<>@,;:\\\"/[]?={} \t".indexOf(c) >= 0;
            if (c <= 0x20 || c >= 0x7F || separator) {
                throw new IllegalArgumentException("invalid token " + text);
            }
        }
        return text;
    }
}
