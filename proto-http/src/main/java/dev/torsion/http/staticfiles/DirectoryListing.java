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
import java.util.List;
import java.util.Locale;

/** The HTML listing of a directory: names (escaped, links percent-encoded), sizes and modification dates. */
final class DirectoryListing {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private DirectoryListing() {
    }

    static String render(String urlPath, Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        String title = "Directory listing for " + Html.escape(UrlEncoding.decode(urlPath, false));
        StringBuilder html = new StringBuilder(256 + entries.size() * 128);
        html.append("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title></head>\n<body>\n<h1>").append(title).append("</h1>\n<table>\n")
                .append("<tr><th>Name</th><th>Size</th><th>Last modified</th></tr>\n");
        if (!urlPath.equals("/")) {
            html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (Path entry : entries) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (IOException e) {
                continue;
            }
            String name = entry.getFileName().toString() + (attributes.isDirectory() ? "/" : "");
            String href = UrlEncoding.encode(entry.getFileName().toString(), false) + (attributes.isDirectory() ? "/" : "");
            html.append("<tr><td><a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(name))
                    .append("</a></td><td>").append(attributes.isDirectory() ? "-" : humanSize(attributes.size()))
                    .append("</td><td>").append(DATE.format(Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis())))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n</body>\n</html>\n").toString();
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
