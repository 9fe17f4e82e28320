package dev.torsion.dns.zone;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRClass;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.codec.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads zone files in the master format of RFC 1035 section 5: {@code $ORIGIN}, {@code $TTL}
 * (RFC 2308 section 4), {@code $INCLUDE} with its own origin, relative names, {@code @}, a
 * blank owner for the previous one, class and TTL in either order, TTLs with BIND's units
 * (1w2d3h4m5s), parentheses, quoted strings, escapes and comments, every type of
 * {@link RRType} in presentation form and any type in RFC 3597's generic form. Pure but for
 * reading the files; call it off the reactor thread.
 */
public final class ZoneFileParser {
    private final DnsLimits limits;
    private final List<ResourceRecord> records = new ArrayList<>();
    private Long defaultTtl;
    private Long lastTtl;

    private ZoneFileParser(DnsLimits limits) {
        this.limits = limits;
    }

    /** Loads a zone from {@code file}; {@code origin} may be null when the file sets {@code $ORIGIN} first. */
    public static Zone load(Path file, Name origin, DnsLimits limits) throws IOException, ZoneFileException {
        ZoneFileParser parser = new ZoneFileParser(limits);
        Name[] zoneOrigin = {origin};
        parser.parseFile(file, origin, 0, zoneOrigin);
        if (zoneOrigin[0] == null) {
            throw new ZoneFileException(file.toString(), 1, "no origin: give one or start with $ORIGIN");
        }
        try {
            return Zone.of(zoneOrigin[0], parser.records);
        } catch (IllegalArgumentException e) {
            throw new ZoneFileException(file.toString(), 0, e.getMessage(), e);
        }
    }

    /** Parses zone text whose origin is {@code origin}; {@code $INCLUDE} is refused. */
    public static Zone parse(String text, Name origin, DnsLimits limits) throws ZoneFileException {
        ZoneFileParser parser = new ZoneFileParser(limits);
        Name[] zoneOrigin = {origin};
        try {
            parser.parseText(text, "<zone>", null, origin, limits.maxIncludeDepth(), zoneOrigin);
        } catch (IOException e) {
            throw new ZoneFileException("<zone>", 0, e.getMessage(), e);
        }
        try {
            return Zone.of(zoneOrigin[0], parser.records);
        } catch (IllegalArgumentException e) {
            throw new ZoneFileException("<zone>", 0, e.getMessage(), e);
        }
    }

    private void parseFile(Path file, Name origin, int depth, Name[] zoneOrigin) throws IOException, ZoneFileException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        parseText(text, file.toString(), file.toAbsolutePath().getParent(), origin, depth, zoneOrigin);
    }

    private void parseText(String text, String fileName, Path directory, Name startOrigin, int depth, Name[] zoneOrigin)
            throws IOException, ZoneFileException {
        ZoneTokenizer tokenizer = new ZoneTokenizer(text, fileName);
        Name origin = startOrigin;
        Name lastOwner = null;
        ZoneTokenizer.Entry entry;
        while ((entry = tokenizer.next()) != null) {
            List<Token> tokens = entry.tokens();
            String first = tokens.get(0).text();
            try {
                if (!entry.startsBlank() && first.startsWith("$")) {
                    String directive = first.toUpperCase(Locale.ROOT);
                    switch (directive) {
                        case "$ORIGIN" -> {
                            origin = Name.parse(argument(tokens), origin);
                            if (zoneOrigin[0] == null) {
                                zoneOrigin[0] = origin;
                            }
                        }
                        case "$TTL" -> defaultTtl = parseTtl(argument(tokens));
                        case "$INCLUDE" -> include(tokens, directory, origin, depth, fileName, entry.line(), zoneOrigin);
                        default -> throw new IllegalArgumentException("unsupported directive " + first);
                    }
                    continue;
                }
                lastOwner = parseRecord(entry, origin, lastOwner);
            } catch (IllegalArgumentException e) {
                throw new ZoneFileException(fileName, entry.line(), e.getMessage(), e);
            }
            if (records.size() > limits.maxZoneRecords()) {
                throw new ZoneFileException(fileName, entry.line(), "more than " + limits.maxZoneRecords() + " records");
            }
        }
    }

    private static String argument(List<Token> tokens) {
        if (tokens.size() != 2) {
            throw new IllegalArgumentException(tokens.get(0).text() + " takes one argument");
        }
        return tokens.get(1).text();
    }

    private void include(List<Token> tokens, Path directory, Name origin, int depth, String fileName, int line,
            Name[] zoneOrigin) throws IOException, ZoneFileException {
        if (directory == null) {
            throw new IllegalArgumentException("$INCLUDE in zone text without a file");
        }
        if (tokens.size() < 2 || tokens.size() > 3) {
            throw new IllegalArgumentException("$INCLUDE takes a file and an optional origin");
        }
        if (depth >= limits.maxIncludeDepth()) {
            throw new ZoneFileException(fileName, line, "$INCLUDE nested deeper than " + limits.maxIncludeDepth());
        }
        Path included = directory.resolve(tokens.get(1).text());
        // RFC 1035 section 5.1: the origin given applies to the included file only.
        Name includeOrigin = tokens.size() == 3 ? Name.parse(tokens.get(2).text(), origin) : origin;
        parseFile(included, includeOrigin, depth + 1, zoneOrigin);
    }

    private Name parseRecord(ZoneTokenizer.Entry entry, Name origin, Name lastOwner) {
        List<Token> tokens = entry.tokens();
        int i = 0;
        Name owner;
        if (entry.startsBlank()) {
            if (lastOwner == null) {
                throw new IllegalArgumentException("blank owner with no previous owner");
            }
            owner = lastOwner;
        } else {
            owner = Name.parse(tokens.get(i++).text(), origin);
        }
        Long ttl = null;
        Integer rrClass = null;
        // RFC 1035 section 5.1: [<TTL>] [<class>] <type> or [<class>] [<TTL>] <type>.
        for (int k = 0; k < 2 && i < tokens.size(); k++) {
            String word = tokens.get(i).text();
            if (ttl == null && isTtl(word)) {
                ttl = parseTtl(word);
                i++;
            } else if (rrClass == null && RRClass.isClass(word) && !RRType.isType(word)) {
                rrClass = RRClass.parse(word);
                i++;
            }
        }
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("record without a type");
        }
        int type = RRType.parse(tokens.get(i++).text());
        if (rrClass != null && rrClass != RRClass.IN) {
            throw new IllegalArgumentException("only class IN zones are served");
        }
        RData data = RData.parse(type, tokens.subList(i, tokens.size()), origin);
        long recordTtl = resolveTtl(ttl, type, data);
        records.add(new ResourceRecord(owner, RRClass.IN, recordTtl, data));
        return owner;
    }

    /** An explicit TTL, else $TTL, else the previous record's, else the SOA's minimum (RFC 2308 section 4, RFC 1035 section 5.1). */
    private long resolveTtl(Long explicit, int type, RData data) {
        if (explicit != null) {
            lastTtl = explicit;
            return explicit;
        }
        if (defaultTtl != null) {
            return defaultTtl;
        }
        if (lastTtl != null) {
            return lastTtl;
        }
        if (type == RRType.SOA) {
            lastTtl = data.number(6);
            return lastTtl;
        }
        throw new IllegalArgumentException("no TTL: give one, or $TTL");
    }

    private static boolean isTtl(String word) {
        return word.matches("(?i)\\d+|(\\d+[wdhms])+");
    }

    /** A TTL in seconds, with BIND's units allowed; at most 2^31-1 (RFC 2181 section 8). */
    static long parseTtl(String word) {
        if (!isTtl(word)) {
            throw new IllegalArgumentException("bad TTL " + word);
        }
        long total = 0;
        long number = 0;
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isDigit(c)) {
                number = number * 10 + (c - '0');
                if (number > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("TTL above 2^31-1: " + word);
                }
                continue;
            }
            long unit = switch (c) {
                case 'w' -> 604800;
                case 'd' -> 86400;
                case 'h' -> 3600;
                case 'm' -> 60;
                default -> 1;
            };
            total += number * unit;
            number = 0;
        }
        total += number;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL above 2^31-1: " + word);
        }
        return total;
    }
}
