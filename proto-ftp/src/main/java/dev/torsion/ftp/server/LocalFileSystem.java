package dev.torsion.ftp.server;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An {@link FtpFileSystem} over a directory on disk, the user's root. Every call runs on the
 * reactor's thread pool ({@code deferToThread}): nothing here blocks the reactor.
 *
 * <p><b>Confinement.</b> {@link FtpPath} already keeps {@code ..} inside the root; on disk, a path
 * is used only when its real path (symbolic links followed) is under the root's real path, or, for a
 * name that does not exist yet, when its parent's is. Files are opened with
 * {@link LinkOption#NOFOLLOW_LINKS}, so a link put in place of the last name between the check and
 * the open is not followed. Listings leave out links that lead outside the root or nowhere.
 */
public final class LocalFileSystem implements FtpFileSystem {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final boolean writable;
    private final Reactor reactor;

    /**
     * The tree under {@code root} (which must exist), read-only unless {@code writable}, doing its
     * I/O on {@code reactor}'s thread pool.
     */
    public LocalFileSystem(Path root, boolean writable, Reactor reactor) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NotDirectoryException(root.toString());
        }
        this.writable = writable;
        this.reactor = reactor;
    }

    /** The root's real path. */
    public Path root() {
        return root;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    private <T> Deferred<T> io(Callable<T> work) {
        return reactor.deferToThread(work);
    }

    /** The confined local path of {@code path}, which may not exist yet. */
    Path local(FtpPath path) throws IOException {
        Path candidate = root;
        for (String name : path.names()) {
            if (name.indexOf('\0') >= 0) {
                throw new AccessDeniedException(path.toString());
            }
            candidate = candidate.resolve(name);
        }
        if (!candidate.normalize().startsWith(root)) {
            throw new AccessDeniedException(path.toString());
        }
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (NoSuchFileException e) {
                // A dangling link: writing through it would create its target, wherever that is.
                throw new AccessDeniedException(path.toString());
            }
            if (!real.startsWith(root)) {
                throw new AccessDeniedException(path.toString());
            }
            return candidate;
        }
        Path parent = candidate.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!parent.toRealPath().startsWith(root)) {
            throw new AccessDeniedException(path.toString());
        }
        return candidate;
    }

    private void requireWritable(FtpPath path) throws AccessDeniedException {
        if (!writable) {
            throw new AccessDeniedException(path.toString(), null, "read-only");
        }
    }

    @Override
    public Deferred<FileEntry> stat(FtpPath path) {
        return io(() -> {
            Path local = local(path);
            return entry(path.isRoot() ? "/" : path.name(), Files.readAttributes(local, BasicFileAttributes.class));
        });
    }

    private FileEntry entry(String name, BasicFileAttributes attributes) {
        return new FileEntry(name, attributes.isDirectory(), attributes.isDirectory() ? 0 : attributes.size(),
                attributes.lastModifiedTime().toInstant(), writable);
    }

    @Override
    public Deferred<List<FileEntry>> list(FtpPath path) {
        return io(() -> {
            Path local = local(path);
            List<FileEntry> entries = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(local)) {
                for (Path child : children) {
                    if (Files.isSymbolicLink(child) && !insideRoot(child)) {
                        continue;
                    }
                    try {
                        entries.add(entry(child.getFileName().toString(), Files.readAttributes(child, BasicFileAttributes.class)));
                    } catch (IOException e) {
                        // Gone between the listing and the stat: leave it out.
                        continue;
                    }
                }
            }
            entries.sort(Comparator.comparing(FileEntry::name));
            return entries;
        });
    }

    private boolean insideRoot(Path link) {
        try {
            return link.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Deferred<SeekableByteChannel> openRead(FtpPath path, long offset) {
        return io(() -> {
            Path local = local(path);
            if (Files.isDirectory(local)) {
                throw new AccessDeniedException(path.toString(), null, "is a directory");
            }
            FileChannel channel = FileChannel.open(local, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            channel.position(offset);
            return channel;
        });
    }

    @Override
    public Deferred<SeekableByteChannel> openWrite(FtpPath path, WriteMode mode, long offset) {
        return io(() -> {
            requireWritable(path);
            Path local = local(path);
            if (Files.isDirectory(local)) {
                throw new AccessDeniedException(path.toString(), null, "is a directory");
            }
            List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    LinkOption.NOFOLLOW_LINKS));
            if (mode == WriteMode.APPEND) {
                options.add(StandardOpenOption.APPEND);
            }
            FileChannel channel = FileChannel.open(local, options.toArray(new OpenOption[0]));
            if (mode == WriteMode.REPLACE) {
                channel.truncate(offset);
                channel.position(offset);
            }
            return channel;
        });
    }

    @Override
    public Deferred<UniqueFile> openUnique(FtpPath directory) {
        return io(() -> {
            requireWritable(directory);
            Path local = local(directory);
            for (int attempt = 0; attempt < 10; attempt++) {
                String name = "stou." + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
                try {
                    FileChannel channel = FileChannel.open(local.resolve(name), StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);
                    return new UniqueFile(directory.resolve(name), channel);
                } catch (FileAlreadyExistsException e) {
                    continue;
                }
            }
            throw new IOException("no unique name found in " + directory);
        });
    }

    @Override
    public Deferred<Void> makeDirectory(FtpPath path) {
        return io(() -> {
            requireWritable(path);
            Files.createDirectory(local(path));
            return null;
        });
    }

    @Override
    public Deferred<Void> removeDirectory(FtpPath path) {
        return io(() -> {
            requireWritable(path);
            Path local = local(path);
            if (path.isRoot() || !Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(path.toString());
            }
            Files.delete(local);
            return null;
        });
    }

    @Override
    public Deferred<Void> delete(FtpPath path) {
        return io(() -> {
            requireWritable(path);
            Path local = local(path);
            if (Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
                throw new AccessDeniedException(path.toString(), null, "is a directory");
            }
            Files.delete(local);
            return null;
        });
    }

    @Override
    public Deferred<Void> setModified(FtpPath path, Instant modified) {
        return io(() -> {
            requireWritable(path);
            Files.setLastModifiedTime(local(path), FileTime.from(modified));
            return null;
        });
    }

    @Override
    public Deferred<Void> rename(FtpPath from, FtpPath to) {
        return io(() -> {
            requireWritable(from);
            if (from.isRoot()) {
                throw new AccessDeniedException("/");
            }
            Files.move(local(from), local(to));
            return null;
        });
    }
}
