package dev.torsion.nntp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import dev.torsion.nntp.parse.Article;
import dev.torsion.nntp.parse.ArticleException;
import dev.torsion.nntp.parse.ArticleParser;
import dev.torsion.nntp.parse.ArticleRange;
import dev.torsion.nntp.parse.Wildmat;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A news spool in plain files, laid out as INN's tradspool: under its directory an {@code active}
 * file ({@code group high low status} per line), {@code active.times} ({@code group seconds
 * creator}), {@code newsgroups} ({@code group TAB description}), a {@code history} file
 * ({@code message-id TAB seconds TAB group:number,...}), one overview file per group under
 * {@code overview/} (the OVER lines of RFC 3977 §8.3.2) and one file per article under
 * {@code articles/} with the group's dots as directories ({@code articles/comp/lang/java/1}).
 *
 * <p>The indexes live in memory, loaded by {@link #open}; every reading and writing call runs on
 * the reactor's thread pool ({@code deferToThread}), so the reactor thread never touches the disk.
 * Articles are written to a temporary file and moved into place, then indexed: a crash leaves at
 * worst an unindexed file, never a half article. One process owns a spool at a time: it holds
 * {@code spool.lock}, and a second opener fails.
 */
public final class FileSpool implements NewsStore, Closeable {
    private static final class Group {
        final String name;
        long high;
        char status;
        String description;
        final Instant created;
        final NavigableMap<Long, OverviewEntry> articles = new TreeMap<>();

        Group(String name, long high, char status, String description, Instant created) {
            this.name = name;
            this.high = high;
            this.status = status;
            this.description = description;
            this.created = created;
        }

        GroupInfo info() {
            long low = articles.isEmpty() ? high + 1 : articles.firstKey();
            return new GroupInfo(name, low, high, articles.size(), status, description, created);
        }
    }

    private record History(Instant arrived, List<String> locations) {
    }

    private static final Logger log = LoggerFactory.getLogger(FileSpool.class);

    private final Path root;
    private final Reactor reactor;
    private final Clock clock;
    private final Map<String, Group> groups = new TreeMap<>();
    private final Map<String, History> history = new LinkedHashMap<>();
    private FileChannel lockChannel;

    private FileSpool(Path root, Reactor reactor, Clock clock) {
        this.root = root;
        this.reactor = reactor;
        this.clock = clock;
    }

    /**
     * Opens (creating when missing) the spool in {@code root} and loads its indexes. Blocking: call
     * it before the reactor serves, or from a worker thread.
     */
    public static FileSpool open(Path root, Reactor reactor, Clock clock) throws IOException {
        FileSpool spool = new FileSpool(root, reactor, clock);
        Files.createDirectories(root.resolve("articles"));
        Files.createDirectories(root.resolve("overview"));
        spool.lock();
        spool.load();
        return spool;
    }

    /** Opens the spool with the system clock. */
    public static FileSpool open(Path root, Reactor reactor) throws IOException {
        return open(root, reactor, Clock.systemUTC());
    }

    /**
     * Takes {@code spool.lock} for this process: the indexes live in memory, so two processes
     * writing one spool would number articles twice. Held until {@link #close()} or the process ends.
     */
    private void lock() throws IOException {
        lockChannel = FileChannel.open(root.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null;
        }
        if (taken == null) {
            lockChannel.close();
            throw new IOException("the news spool " + root + " is in use by another server");
        }
    }

    /** Releases the spool's lock; the spool must not be used afterwards. */
    @Override
    public synchronized void close() throws IOException {
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }

    /** The spool's directory. */
    public Path root() {
        return root;
    }

    /**
     * Creates group {@code name} (posting allowed) when it does not exist, with its description.
     * Blocking, like {@link #open}.
     *
     * @return whether the group was created
     */
    public synchronized boolean createGroup(String name, String description) throws IOException {
        if (!ArticleParser.isGroupName(name) || description.contains("\n") || description.contains("\r")) {
            throw new IllegalArgumentException("not a newsgroup name: " + name);
        }
        if (groups.containsKey(name)) {
            return false;
        }
        Instant now = clock.instant();
        groups.put(name, new Group(name, 0, 'y', description, now));
        append(root.resolve("active.times"), name + " " + now.getEpochSecond() + " torsion\n");
        rewriteActive();
        rewriteNewsgroups();
        return true;
    }

    // ---------------------------------------------------------------- NewsStore

    @Override
    public Deferred<List<GroupInfo>> groups() {
        return offload(() -> {
            synchronized (this) {
                List<GroupInfo> all = new ArrayList<>();
                for (Group group : groups.values()) {
                    all.add(group.info());
                }
                return all;
            }
        });
    }

    @Override
    public Deferred<Optional<GroupInfo>> group(String name) {
        return offload(() -> {
            synchronized (this) {
                return Optional.ofNullable(groups.get(name)).map(Group::info);
            }
        });
    }

    @Override
    public Deferred<List<OverviewEntry>> overview(String name, ArticleRange range) {
        return offload(() -> {
            synchronized (this) {
                Group group = groups.get(name);
                if (group == null || range.high() < range.low()) {
                    return List.of();
                }
                return new ArrayList<>(group.articles.subMap(range.low(), true, range.high(), true).values());
            }
        });
    }

    @Override
    public Deferred<Optional<OverviewEntry>> overview(String messageId) {
        return offload(() -> {
            synchronized (this) {
                return location(messageId).flatMap(at -> Optional.ofNullable(groups.get(at.group()))
                        .map(g -> g.articles.get(at.number()))).map(e -> e.withNumber(0));
            }
        });
    }

    @Override
    public Deferred<Optional<OverviewEntry>> neighbour(String name, long number, boolean forward) {
        return offload(() -> {
            synchronized (this) {
                Group group = groups.get(name);
                if (group == null) {
                    return Optional.empty();
                }
                Map.Entry<Long, OverviewEntry> next = forward ? group.articles.higherEntry(number) : group.articles.lowerEntry(number);
                return Optional.ofNullable(next).map(Map.Entry::getValue);
            }
        });
    }

    @Override
    public Deferred<List<HeaderValue>> header(String name, ArticleRange range, String field) {
        return offload(() -> {
            List<Long> numbers;
            synchronized (this) {
                Group group = groups.get(name);
                if (group == null || range.high() < range.low()) {
                    return List.of();
                }
                numbers = new ArrayList<>(group.articles.subMap(range.low(), true, range.high(), true).keySet());
            }
            List<HeaderValue> values = new ArrayList<>();
            for (long number : numbers) {
                Optional<Article> article = read(name, number);
                article.ifPresent(a -> values.add(new HeaderValue(number, a.header(field).orElse(""))));
            }
            return values;
        });
    }

    @Override
    public Deferred<Optional<HeaderValue>> header(String messageId, String field) {
        return offload(() -> {
            Optional<Location> at;
            synchronized (this) {
                at = location(messageId);
            }
            if (at.isEmpty()) {
                return Optional.empty();
            }
            return read(at.get().group(), at.get().number()).map(a -> new HeaderValue(0, a.header(field).orElse("")));
        });
    }

    @Override
    public Deferred<Optional<StoredArticle>> article(String name, long number) {
        return offload(() -> {
            synchronized (this) {
                Group group = groups.get(name);
                if (group == null || !group.articles.containsKey(number)) {
                    return Optional.empty();
                }
            }
            return read(name, number).map(article -> new StoredArticle(number, article));
        });
    }

    @Override
    public Deferred<Optional<StoredArticle>> article(String messageId) {
        return offload(() -> {
            Optional<Location> at;
            synchronized (this) {
                at = location(messageId);
            }
            if (at.isEmpty()) {
                return Optional.empty();
            }
            return read(at.get().group(), at.get().number()).map(article -> new StoredArticle(0, article));
        });
    }

    @Override
    public Deferred<Boolean> has(String messageId) {
        return offload(() -> {
            synchronized (this) {
                return history.containsKey(messageId);
            }
        });
    }

    @Override
    public Deferred<List<String>> newNews(Wildmat wanted, Instant since) {
        return offload(() -> {
            synchronized (this) {
                List<String> ids = new ArrayList<>();
                for (Map.Entry<String, History> entry : history.entrySet()) {
                    History h = entry.getValue();
                    if (!h.arrived().isBefore(since) && h.locations().stream().anyMatch(l -> wanted.matches(Location.parse(l).group()))) {
                        ids.add(entry.getKey());
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public Deferred<StoredArticle> store(Article article) {
        return offload(() -> {
            synchronized (this) {
                return file(article);
            }
        });
    }

    // ---------------------------------------------------------------- storing

    private StoredArticle file(Article article) throws IOException, ArticleException, DuplicateArticleException {
        String id = article.messageId();
        if (history.containsKey(id)) {
            throw new DuplicateArticleException(id);
        }
        List<Group> targets = new ArrayList<>();
        for (String name : article.newsgroups()) {
            Group group = groups.get(name);
            if (group != null && !targets.contains(group)) {
                targets.add(group);
            }
        }
        if (targets.isEmpty()) {
            throw new ArticleException("No such newsgroup");
        }
        List<String> locations = new ArrayList<>();
        Path first = null;
        for (Group group : targets) {
            long number = group.high + 1;
            Path path = articlePath(group.name, number);
            Files.createDirectories(path.getParent());
            if (first == null) {
                writeAtomically(path, article.bytes());
                first = path;
            } else {
                link(first, path);
            }
            OverviewEntry entry = overviewOf(article, number);
            append(root.resolve("overview").resolve(group.name), entry.line() + "\n");
            group.high = number;
            group.articles.put(number, entry);
            locations.add(group.name + ":" + number);
        }
        Instant now = clock.instant();
        history.put(id, new History(now, locations));
        append(root.resolve("history"), id + "\t" + now.getEpochSecond() + "\t" + String.join(",", locations) + "\n");
        rewriteActive();
        return new StoredArticle(Location.parse(locations.get(0)).number(), article);
    }

    private static OverviewEntry overviewOf(Article article, long number) {
        return new OverviewEntry(number, article.header("Subject").orElse(""), article.header("From").orElse(""),
                article.header("Date").orElse(""), article.messageId(), article.header("References").orElse(""),
                article.bytes().length, article.bodyLines());
    }

    private Path articlePath(String group, long number) {
        return root.resolve("articles").resolve(group.replace('.', '/')).resolve(Long.toString(number));
    }

    private static void link(Path existing, Path path) throws IOException {
        try {
            Files.createLink(path, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeAtomically(Path path, byte[] bytes) throws IOException {
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void append(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void rewriteActive() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Group group : groups.values()) {
            text.append(group.info().activeLine()).append('\n');
        }
        writeAtomically(root.resolve("active"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void rewriteNewsgroups() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Group group : groups.values()) {
            text.append(group.name).append('\t').append(group.description).append('\n');
        }
        writeAtomically(root.resolve("newsgroups"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- reading

    private record Location(String group, long number) {
        static Location parse(String text) {
            int colon = text.lastIndexOf(':');
            return new Location(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        }
    }

    private Optional<Location> location(String messageId) {
        History h = history.get(messageId);
        if (h == null) {
            return Optional.empty();
        }
        for (String text : h.locations()) {
            Location at = Location.parse(text);
            Group group = groups.get(at.group());
            if (group != null && group.articles.containsKey(at.number())) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private Optional<Article> read(String group, long number) throws IOException, ArticleException {
        Path path = articlePath(group, number);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Optional.of(ArticleParser.parse(Files.readAllBytes(path), Integer.MAX_VALUE));
    }

    private void load() throws IOException {
        Map<String, Instant> created = new TreeMap<>();
        for (String line : lines(root.resolve("active.times"))) {
            String[] parts = line.split(" ");
            if (parts.length >= 2 && parts[1].matches("[0-9]{1,18}")) {
                created.put(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1])));
            } else {
                skipped("active.times", line);
            }
        }
        Map<String, String> descriptions = new TreeMap<>();
        for (String line : lines(root.resolve("newsgroups"))) {
            int tab = line.indexOf('\t');
            descriptions.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
        }
        for (String line : lines(root.resolve("active"))) {
            String[] parts = line.split(" ");
            if (parts.length != 4 || !parts[1].matches("[0-9]{1,18}") || !ArticleParser.isGroupName(parts[0])) {
                skipped("active", line);
            } else {
                Group group = new Group(parts[0], Long.parseLong(parts[1]), parts[3].charAt(0),
                        descriptions.getOrDefault(parts[0], ""), created.getOrDefault(parts[0], Instant.EPOCH));
                groups.put(group.name, group);
                loadOverview(group);
            }
        }
        for (String line : lines(root.resolve("history"))) {
            String[] parts = line.split("\t");
            if (parts.length == 3 && parts[1].matches("[0-9]{1,18}") && parts[2].matches("[^,:]+:[0-9]{1,18}(,[^,:]+:[0-9]{1,18})*")) {
                history.put(parts[0], new History(Instant.ofEpochSecond(Long.parseLong(parts[1])), List.of(parts[2].split(","))));
            } else {
                skipped("history", line);
            }
        }
    }

    private void loadOverview(Group group) throws IOException {
        for (String line : lines(root.resolve("overview").resolve(group.name))) {
            String[] f = line.split("\t", -1);
            if (f.length < 8 || !f[0].matches("[0-9]{1,18}") || !f[6].matches("[0-9]{1,18}") || !f[7].matches("[0-9]{1,18}")) {
                skipped("overview/" + group.name, line);
            } else {
                long number = Long.parseLong(f[0]);
                group.articles.put(number, new OverviewEntry(number, f[1], f[2], f[3], f[4], f[5], Long.parseLong(f[6]),
                        Long.parseLong(f[7])));
            }
        }
    }

    private static void skipped(String file, String line) {
        log.warn("news spool: skipping a malformed line of {}: {}", file, line.length() > 80 ? line.substring(0, 80) + "..." : line);
    }

    private static List<String> lines(Path path) throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private <T> Deferred<T> offload(Callable<T> work) {
        return reactor.deferToThread(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
