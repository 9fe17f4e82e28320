package dev.torsion.http.staticfiles;

import dev.torsion.http.Html;
import dev.torsion.http.form.UrlEncoding;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * The HTML listing of a directory: names (escaped, links percent-encoded), sizes and modification
 * dates. It shows only what the tree serves: no dotfiles unless asked, no symbolic links that lead
 * out of the root, nothing whose attributes cannot be read. Its work grows with the directory, so
 * it runs on a {@link BlockingWork} thread; memory stays bounded by the entry limit (the first
 * entries in name order are kept, the rest only counted).
 */
final class DirectoryListing {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private DirectoryListing() {
    }

    /** What may be listed: dotfiles or not, the real root links must stay in, the entry limit. */
    record Rules(boolean showDotfiles, Path realRoot, int maxEntries) {
    }

    /** One entry that is shown. */
    private record Entry(String name, BasicFileAttributes attributes) {
    }

    static String render(String urlPath, Path directory, Rules rules) throws IOException {
        // A max-heap on names keeps the first maxEntries names without holding the whole directory.
        PriorityQueue<Path> first = new PriorityQueue<>(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        long seen = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (!rules.showDotfiles() && entry.getFileName().toString().startsWith(".")) {
                    continue;
                }
                seen++;
                first.add(entry);
                if (first.size() > rules.maxEntries()) {
                    first.poll();
                }
            }
        }
        List<Path> kept = new ArrayList<>(first);
        kept.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Entry> shown = new ArrayList<>(kept.size());
        for (Path path : kept) {
            Entry entry = servable(path, rules);
            if (entry != null) {
                shown.add(entry);
            }
        }
        return page(urlPath, shown, seen - kept.size(), rules.maxEntries());
    }

    /** The entry as listed, or null when the tree would not serve it (a link out of the root, unreadable). */
    private static Entry servable(Path path, Rules rules) {
        try {
            if (Files.isSymbolicLink(path) && !path.toRealPath().startsWith(rules.realRoot())) {
                return null;
            }
            return new Entry(path.getFileName().toString(), Files.readAttributes(path, BasicFileAttributes.class));
        } catch (IOException e) {
            return null;
        }
    }

    private static String page(String urlPath, List<Entry> entries, long notShown, int limit) {
        String title = "Directory listing for " + Html.escape(UrlEncoding.decode(urlPath, false));
        StringBuilder html = new StringBuilder(256 + entries.size() * 128);
        html.append("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title></head>\n<body>\n<h1>").append(title).append("</h1>\n<table>\n")
                .append("<tr><th>Name</th><th>Size</th><th>Last modified</th></tr>\n");
        if (!urlPath.equals("/")) {
            html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (Entry entry : entries) {
            BasicFileAttributes attributes = entry.attributes();
            String slash = attributes.isDirectory() ? "/" : "";
            String href = UrlEncoding.encode(entry.name(), false) + slash;
            html.append("<tr><td><a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(entry.name() + slash))
                    .append("</a></td><td>").append(attributes.isDirectory() ? "-" : humanSize(attributes.size()))
                    .append("</td><td>").append(DATE.format(Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (notShown > 0) {
            html.append("<p>").append(notShown).append(" more entries are not shown: a listing shows the first ")
                    .append(limit).append(" names.</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
