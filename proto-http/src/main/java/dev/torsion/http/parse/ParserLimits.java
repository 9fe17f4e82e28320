package dev.torsion.http.parse;

/**
 * How much a peer may send before the parser refuses: the defaults are those of common servers.
 *
 * @param maxStartLine the request line or status line, without CRLF (8 KiB; a longer request line is a 414)
 * @param maxHeaderBytes the header section, every field line counted with its CRLF (64 KiB; beyond: 431)
 * @param maxHeaderCount the number of header fields, and separately of trailer fields (100; beyond: 431)
 * @param maxChunkLine a chunk-size line with its extensions (4 KiB; beyond: 400)
 */
public record ParserLimits(int maxStartLine, int maxHeaderBytes, int maxHeaderCount, int maxChunkLine) {
    /** The defaults: 8 KiB, 64 KiB, 100 fields, 4 KiB. */
    public static final ParserLimits DEFAULT = new ParserLimits(8 * 1024, 64 * 1024, 100, 4 * 1024);

    /** Checks that every limit is positive. */
    public ParserLimits {
        if (maxStartLine <= 0 || maxHeaderBytes <= 0 || maxHeaderCount <= 0 || maxChunkLine <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** A copy with another start-line limit. */
    public ParserLimits withMaxStartLine(int bytes) {
        return new ParserLimits(bytes, maxHeaderBytes, maxHeaderCount, maxChunkLine);
    }

    /** A copy with another header-section limit. */
    public ParserLimits withMaxHeaderBytes(int bytes) {
        return new ParserLimits(maxStartLine, bytes, maxHeaderCount, maxChunkLine);
    }

    /** A copy with another header-count limit. */
    public ParserLimits withMaxHeaderCount(int count) {
        return new ParserLimits(maxStartLine, maxHeaderBytes, count, maxChunkLine);
    }
}
