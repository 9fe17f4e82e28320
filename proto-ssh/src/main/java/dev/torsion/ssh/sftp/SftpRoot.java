package dev.torsion.ssh.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Confinement of client paths to a root directory. Client paths are read with the root as "/"
 * and normalized first, so {@code ..} stops at the root. Then:
 * <ul>
 * <li>the directory holding the named file is resolved for real (links in it followed) and must
 *     lie inside the root, else PERMISSION_DENIED;</li>
 * <li>requests that act on a link itself (LSTAT, READLINK, REMOVE, RENAME, SYMLINK,
 *     hardlink@openssh.com) take the last component as it is ({@link #noFollow});</li>
 * <li>requests that follow it (OPEN, STAT, SETSTAT, OPENDIR, REALPATH, statvfs) follow a link
 *     only to a real target inside the root; a link leading outside, or dangling, is refused
 *     ({@link #follow}).</li>
 * </ul>
 * Links may exist whose targets leave the root (made outside SFTP, or moved): they are listed and
 * may be removed or renamed, never followed; READLINK does not reveal where such a link points.
 * New links (SYMLINK) must name a target inside the root. Each request is checked when it runs:
 * another process racing a rename between the check and the use is not defended against.
 */
final class SftpRoot {
    private final Path root;

    /** Confinement to {@code root}, which must exist. */
    SftpRoot(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** The real root. */
    Path path() {
        return root;
    }

    /** The client path under the root, normalized lexically ("/" and "" are the root). */
    Path lexical(String clientPath) {
        Path virtual = Path.of("/").resolve(clientPath.isEmpty() ? "." : clientPath).normalize();
        Path target = root;
        for (Path part : virtual) {
            target = target.resolve(part.toString());
        }
        return target;
    }

    /** The file named, its directory resolved for real and confined; the last component not followed. */
    Path noFollow(String clientPath) throws IOException {
        Path lexical = lexical(clientPath);
        if (lexical.equals(root)) {
            return root;
        }
        Path parent = lexical.getParent().toRealPath();
        if (!parent.startsWith(root)) {
            throw new AccessDeniedException(clientPath);
        }
        return parent.resolve(lexical.getFileName().toString());
    }

    /** As {@link #noFollow}, for requests that remove, rename or make the file: never the root itself. */
    Path entry(String clientPath) throws IOException {
        Path path = noFollow(clientPath);
        if (path.equals(root)) {
            throw new AccessDeniedException(clientPath);
        }
        return path;
    }

    /** As {@link #noFollow}, following a last component that is a link to its real, confined target. */
    Path follow(String clientPath) throws IOException {
        return followLink(noFollow(clientPath), clientPath);
    }

    /** {@code path} itself, or the real target when it is a link: refused when outside or dangling. */
    Path followLink(Path path, String clientPath) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            return path;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(clientPath);
        }
        if (!real.startsWith(root)) {
            throw new AccessDeniedException(clientPath);
        }
        return real;
    }

    /** The client's name for a real path inside the root. */
    String virtual(Path real) {
        Path relative = root.relativize(real);
        String text = relative.toString();
        return text.isEmpty() ? "/" : "/" + text;
    }

    /**
     * The text to store for a new link at {@code link} to the client's {@code target}. An absolute
     * target is the client's view, so it is stored relative to the link's directory (then the link
     * works on disk and through SFTP alike); a relative one is stored as given. Either must lead
     * into the root, lexically, from the link's real directory.
     */
    String linkText(Path link, String target) throws IOException {
        Path directory = link.getParent();
        if (target.startsWith("/")) {
            String relative = directory.relativize(lexical(target)).toString();
            return relative.isEmpty() ? "." : relative;
        }
        if (target.isEmpty() || !directory.resolve(target).normalize().startsWith(root)) {
            throw new AccessDeniedException(target);
        }
        return target;
    }

    /**
     * What READLINK shows for {@code link}: a relative target as stored, an absolute one as the
     * client sees it; refused when the target, taken lexically, lies outside the root.
     */
    String shownTarget(Path link) throws IOException {
        Path text = Files.readSymbolicLink(link);
        Path target = link.getParent().resolve(text).normalize();
        if (!target.startsWith(root)) {
            throw new AccessDeniedException(link.toString());
        }
        return text.isAbsolute() ? virtual(target) : text.toString();
    }

    /** True when {@code path} exists, links not followed. */
    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
