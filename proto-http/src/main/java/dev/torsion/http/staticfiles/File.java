package dev.torsion.http.staticfiles;

import dev.torsion.http.HttpDate;
import dev.torsion.http.HttpStatus;
import dev.torsion.http.resource.ErrorPage;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.server.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories from disk, as twisted.web's {@code static.File}: content types by
 * extension, directory listings (names escaped) and index files, {@code Range} (one range, or
 * several as {@code multipart/byteranges}), conditional requests ({@code If-None-Match} with
 * ETags, {@code If-Modified-Since}, {@code If-Range}), {@code Last-Modified}, and gzip for
 * compressible types when the client accepts it.
 *
 * <p>Nothing outside the root is reachable: segments {@code .} and {@code ..} and segments holding
 * a slash, backslash or NUL (after percent-decoding) are 404s, and a path whose real location
 * (symbolic links resolved) leaves the root's real location is a 404 too. Files larger than
 * {@link StaticOptions#maxReadWhole()} are streamed with backpressure, never read whole. Names
 * starting with a dot are 404s and left out of listings unless {@link StaticOptions#showDotfiles()}.
 *
 * <p>Files up to {@link SmallFileCache#maxFileBytes()} are served from a {@link SmallFileCache}
 * shared by the whole tree: their bytes, gzip encoding and head fields are made once, and the
 * path, its confinement and the file are checked against the disk at most once per
 * {@link SmallFileCache#revalidateEvery()} (a second by default), not on every request.
 *
 * <p>Directory listings read every entry, so they run on the tree's {@link BlockingWork} (the
 * reactor's thread pool, given {@code reactor::deferToThread}) and show at most
 * {@link StaticOptions#maxListingEntries()} entries. A failure to read the disk is logged once
 * per path and reason, not once per request.
 *
 * <pre>{@code
 * Site site = new Site(new File(Path.of("/srv/www")));
 * }</pre>
 */
public class File extends Resource {
    private static final Logger log = LoggerFactory.getLogger(File.class);

    private final Path path;
    private final Path root;
    private final Path realRoot;
    private final StaticOptions options;
    private final BlockingWork blocking;
    private final SmallFileCache cache;

    /** Serves {@code path} (a file or a directory) with the default options, listing on the calling thread. */
    public File(Path path) {
        this(path, StaticOptions.defaults());
    }

    /** Serves {@code path} (a file or a directory) with {@code options}, listing on the calling thread. */
    public File(Path path, StaticOptions options) {
        this(path, options, BlockingWork.inline());
    }

    /**
     * Serves {@code path} (a file or a directory) with {@code options}; directory listings run on
     * {@code blocking} (give {@code reactor::deferToThread} so a huge directory stalls no one).
     */
    public File(Path path, StaticOptions options, BlockingWork blocking) {
        this(path, options, blocking, SmallFileCache.defaults());
    }

    /**
     * Serves {@code path} with {@code options}, listing on {@code blocking}, and keeping small
     * files in {@code cache} ({@link SmallFileCache#disabled()} to read the disk on every request).
     */
    public File(Path path, StaticOptions options, BlockingWork blocking, SmallFileCache cache) {
        this(path.toAbsolutePath().normalize(), path.toAbsolutePath().normalize(), realPathOf(path), options, blocking, cache);
    }

    private File(Path path, Path root, Path realRoot, StaticOptions options, BlockingWork blocking, SmallFileCache cache) {
        this.path = path;
        this.root = root;
        this.realRoot = realRoot;
        this.options = options;
        this.blocking = blocking;
        this.cache = cache;
    }

    private static Path realPathOf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The file or directory this resource serves. */
    public Path path() {
        return path;
    }

    /** The options of this tree. */
    public StaticOptions options() {
        return options;
    }

    @Override
    public Resource getChild(String name, Request request) {
        if (name.isEmpty()) {
            return Files.isDirectory(path) ? this : ErrorPage.noResource();
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0) {
            return ErrorPage.noResource();
        }
        if (name.startsWith(".") && !options.showDotfiles()) {
            // .git/, .env, .htpasswd: hidden by default, as nginx's usual "location ~ /\\." rule does.
            return ErrorPage.noResource();
        }
        Path child = path.resolve(name).normalize();
        if (!child.startsWith(root) || !child.getParent().equals(path)) {
            return ErrorPage.noResource();
        }
        if (cache.isFresh(child)) {
            // Checked within the interval: the directory, the link and the root's confinement all held.
            return new File(child, root, realRoot, options, blocking, cache);
        }
        if (!Files.isDirectory(path)) {
            return ErrorPage.noResource();
        }
        // This directory was checked already; only the last segment can lead out, and only as a link.
        if (Files.isSymbolicLink(child) && !insideRoot(child)) {
            log.info("refusing {}: it leaves the root {}", child, root);
            return ErrorPage.noResource();
        }
        return new File(child, root, realRoot, options, blocking, cache);
    }

    private boolean insideRoot(Path candidate) {
        try {
            return candidate.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected Rendered renderGET(Request request) {
        CachedFile cached = cache.lookup(path, realRoot, options.mimeTypes(), options.gzip());
        if (cached != null) {
            return renderFile(request, path, cached.facts(), cached);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return ErrorPage.noResource().render(request);
        }
        if (attributes.isDirectory()) {
            return renderDirectory(request);
        }
        return renderFile(request, path, attributes);
    }

    private Rendered renderDirectory(Request request) {
        if (!request.path().endsWith("/")) {
            request.setResponseCode(HttpStatus.MOVED_PERMANENTLY);
            String query = request.queryString();
            request.setHeader("Location", request.path() + "/" + (query == null ? "" : "?" + query));
            request.setHeader("Content-Type", "text/html; charset=utf-8");
            return Rendered.text("<html><body>Moved <a href=\"./\">here</a>.</body></html>\n");
        }
        for (String indexName : options.indexNames()) {
            Path index = path.resolve(indexName);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(index, BasicFileAttributes.class);
            } catch (IOException e) {
                continue;
            }
            if (attributes.isRegularFile() && (!Files.isSymbolicLink(index) || insideRoot(index))) {
                CachedFile cached = cache.lookup(index, realRoot, options.mimeTypes(), options.gzip());
                return cached != null ? renderFile(request, index, cached.facts(), cached) : renderFile(request, index, attributes);
            }
        }
        if (!options.listDirectories()) {
            return ErrorPage.forbidden().render(request);
        }
        String urlPath = request.path();
        DirectoryListing.Rules rules = new DirectoryListing.Rules(options.showDotfiles(), realRoot, options.maxListingEntries());
        blocking.run(() -> DirectoryListing.render(urlPath, path, rules)).addCallbacks(html -> {
            answerListing(request, html);
            return null;
        }, failure -> {
            Throwable error = failure.value();
            if (error instanceof IOException io) {
                FileErrors.warnOnce(log, "cannot list", path, io);
            } else {
                log.error("listing {} failed", path, error);
            }
            if (!request.isFinished()) {
                request.respond(ErrorPage.forbidden().render(request).bytes());
            }
            return null;
        });
        return NOT_DONE_YET;
    }

    private static void answerListing(Request request, String html) {
        if (request.isFinished()) {
            return;
        }
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        request.respond(html.getBytes(StandardCharsets.UTF_8));
    }

    private Rendered renderFile(Request request, Path file, BasicFileAttributes attributes) {
        if (!attributes.isRegularFile()) {
            return ErrorPage.forbidden().render(request);
        }
        return renderFile(request, file, FileFacts.of(file, attributes, options.mimeTypes()), null);
    }

    /** Answers with the file whose facts are given, from {@code cached} when it is in memory (else null). */
    private Rendered renderFile(Request request, Path file, FileFacts facts, CachedFile cached) {
        long size = facts.size();
        long modified = facts.modifiedMillis();
        String type = facts.contentType();
        boolean compress = options.gzip() && MimeTypes.isCompressible(type) && size > 0 && acceptsGzip(request);
        String etag = compress ? facts.gzipEtag() : facts.etag();

        request.setHeader("Last-Modified", facts.lastModified());
        request.setHeader("ETag", etag);
        request.setHeader("Accept-Ranges", "bytes");
        if (options.gzip() && MimeTypes.isCompressible(type)) {
            request.setHeader("Vary", "Accept-Encoding");
        }
        if (notModified(request, etag, modified)) {
            request.setResponseCode(HttpStatus.NOT_MODIFIED);
            return Rendered.empty();
        }
        List<ByteRanges.Range> ranges = rangesAsked(request, etag, modified, size);
        if (ranges != null && ranges.isEmpty()) {
            request.setResponseCode(HttpStatus.RANGE_NOT_SATISFIABLE);
            request.setHeader("Content-Range", "bytes */" + size);
            request.setHeader("Content-Type", "text/plain");
            return Rendered.text("range not satisfiable\n");
        }
        if (ranges != null) {
            return sendRanges(request, file, ranges, size, type, cached);
        }
        request.setHeader("Content-Type", type);
        if (compress) {
            request.setHeader("Content-Encoding", "gzip");
            if (cached != null) {
                return sendCached(request, cached.gzipped());
            }
            return send(request, file, List.of(FileStreamer.Piece.region(0, size)), -1, true);
        }
        if (cached != null) {
            return sendCached(request, cached.body());
        }
        return send(request, file, List.of(FileStreamer.Piece.region(0, size)), size, false);
    }

    /** Sends a whole body held in memory (HEAD: only its length). */
    private static Rendered sendCached(Request request, byte[] body) {
        request.setHeader("Content-Length", Integer.toString(body.length));
        return "HEAD".equals(request.method()) ? Rendered.empty() : Rendered.body(body);
    }

    private static boolean acceptsGzip(Request request) {
        String accept = request.getHeader("Accept-Encoding");
        if (accept == null) {
            return false;
        }
        for (String coding : accept.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].trim();
                    if (parameter.startsWith("q=") && parseQ(parameter.substring(2)) <= 0) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static double parseQ(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean notModified(Request request, String etag, long modified) {
        String noneMatch = request.getHeader("If-None-Match");
        if (noneMatch != null) {
            for (String candidate : noneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || weakEquals(tag, etag)) {
                    return true;
                }
            }
            return false;
        }
        long since = HttpDate.parse(request.getHeader("If-Modified-Since"));
        return since >= 0 && modified / 1000 <= since / 1000;
    }

    private static boolean weakEquals(String a, String b) {
        return stripWeak(a).equals(stripWeak(b));
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static List<ByteRanges.Range> rangesAsked(Request request, String etag, long modified, long size) {
        String range = request.getHeader("Range");
        if (range == null) {
            return null;
        }
        String ifRange = request.getHeader("If-Range");
        if (ifRange != null) {
            boolean fresh = ifRange.trim().startsWith("\"") ? ifRange.trim().equals(etag)
                    : HttpDate.parse(ifRange) >= 0 && modified / 1000 == HttpDate.parse(ifRange) / 1000;
            if (!fresh) {
                return null;
            }
        }
        return ByteRanges.parse(range, size);
    }

    private Rendered sendRanges(Request request, Path file, List<ByteRanges.Range> ranges, long size, String type,
            CachedFile cached) {
        request.setResponseCode(HttpStatus.PARTIAL_CONTENT);
        if (ranges.size() == 1) {
            ByteRanges.Range only = ranges.get(0);
            request.setHeader("Content-Type", type);
            request.setHeader("Content-Range", "bytes " + only.first() + "-" + only.last() + "/" + size);
            return send(request, file, List.of(FileStreamer.Piece.region(only.first(), only.length())), only.length(), cached);
        }
        String boundary = Long.toHexString(Double.doubleToLongBits(Math.random())) + Long.toHexString(System.nanoTime());
        List<FileStreamer.Piece> pieces = new ArrayList<>();
        long total = 0;
        for (ByteRanges.Range range : ranges) {
            byte[] partHead = ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes "
                    + range.first() + "-" + range.last() + "/" + size + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            pieces.add(FileStreamer.Piece.literal(partHead));
            pieces.add(FileStreamer.Piece.region(range.first(), range.length()));
            total += partHead.length + range.length();
        }
        byte[] closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        pieces.add(FileStreamer.Piece.literal(closing));
        total += closing.length;
        request.setHeader("Content-Type", "multipart/byteranges; boundary=" + boundary);
        return send(request, file, pieces, total, cached);
    }

    /** Sends the pieces of a range request, from memory when the file is cached. */
    private Rendered send(Request request, Path file, List<FileStreamer.Piece> pieces, long length, CachedFile cached) {
        if (cached == null) {
            return send(request, file, pieces, length, false);
        }
        request.setHeader("Content-Length", Long.toString(length));
        if ("HEAD".equals(request.method())) {
            return Rendered.empty();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) length);
        for (FileStreamer.Piece piece : pieces) {
            if (piece.bytes() != null) {
                body.writeBytes(piece.bytes());
            } else {
                body.write(cached.body(), (int) piece.offset(), (int) piece.length());
            }
        }
        return Rendered.body(body.toByteArray());
    }

    /** Sends the pieces: small bodies in one write, large ones streamed; {@code length} -1 for chunked. */
    private Rendered send(Request request, Path file, List<FileStreamer.Piece> pieces, long length, boolean gzip) {
        if (length >= 0) {
            request.setHeader("Content-Length", Long.toString(length));
        }
        if ("HEAD".equals(request.method())) {
            return Rendered.empty();
        }
        long fileBytes = pieces.stream().filter(p -> p.bytes() == null).mapToLong(FileStreamer.Piece::length).sum();
        try {
            if (fileBytes <= options.maxReadWhole()) {
                return Rendered.body(readWhole(file, pieces, gzip));
            }
            if (!gzip && length >= 0 && ZeroCopy.isAvailable(request.transport())) {
                ZeroCopy.send(request, file, pieces);
            } else {
                new FileStreamer(request, file, pieces, gzip).start();
            }
            return NOT_DONE_YET;
        } catch (IOException e) {
            FileErrors.warnOnce(log, "cannot read", file, e);
            request.responseHeaders().remove("Content-Length");
            request.responseHeaders().remove("Content-Encoding");
            return ErrorPage.forbidden().render(request);
        }
    }

    private static byte[] readWhole(Path file, List<FileStreamer.Piece> pieces, boolean gzip) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (var channel = FileChannel.open(file)) {
            for (FileStreamer.Piece piece : pieces) {
                if (piece.bytes() != null) {
                    body.writeBytes(piece.bytes());
                    continue;
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) piece.length());
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, piece.offset() + buffer.position()) < 0) {
                        throw new IOException("file shrank while being read");
                    }
                }
                body.writeBytes(buffer.array());
            }
        }
        if (!gzip) {
            return body.toByteArray();
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.size() / 2 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            body.writeTo(out);
        }
        return compressed.toByteArray();
    }
}
