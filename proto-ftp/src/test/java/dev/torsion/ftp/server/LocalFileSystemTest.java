package dev.torsion.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.testing.MemoryReactor;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSystemTest {
    @TempDir
    Path temp;
    Path root;
    Path outside;
    LocalFileSystem files;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.writeString(root.resolve("in.txt"), "in");
        Files.createSymbolicLink(root.resolve("out-dir"), outside);
        Files.createSymbolicLink(root.resolve("out-file"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("to-be-created"));
        Files.createSymbolicLink(root.resolve("in-link"), root.resolve("in.txt"));
        files = new LocalFileSystem(root, true, new MemoryReactor());
    }

    private static Throwable failure(Deferred<?> deferred) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        deferred.addErrback((Failure f) -> {
            error.set(f.value());
            return null;
        });
        return error.get();
    }

    private static <T> T value(Deferred<T> deferred) {
        AtomicReference<T> result = new AtomicReference<>();
        deferred.addCallback(v -> {
            result.set(v);
            return null;
        });
        return result.get();
    }

    @Test
    void linksOutOfTheRootAreRefused() {
        assertInstanceOf(AccessDeniedException.class, failure(files.stat(FtpPath.ROOT.resolve("out-dir/secret"))));
        assertInstanceOf(AccessDeniedException.class, failure(files.openRead(FtpPath.ROOT.resolve("out-file"), 0)));
        assertInstanceOf(AccessDeniedException.class, failure(files.openWrite(FtpPath.ROOT.resolve("out-dir/new"),
                FtpFileSystem.WriteMode.REPLACE, 0)));
        // Writing through a dangling link would create its target outside.
        assertInstanceOf(AccessDeniedException.class, failure(files.openWrite(FtpPath.ROOT.resolve("dangling"),
                FtpFileSystem.WriteMode.REPLACE, 0)));
        assertFalse(Files.exists(outside.resolve("to-be-created")));
        assertInstanceOf(NoSuchFileException.class, failure(files.stat(FtpPath.ROOT.resolve("../outside/secret"))));
    }

    @Test
    void listingsHideLinksThatLeadOut() {
        List<FileEntry> entries = value(files.list(FtpPath.ROOT));
        assertEquals(List.of("in-link", "in.txt"), entries.stream().map(FileEntry::name).toList());
        assertEquals(2, value(files.stat(FtpPath.ROOT.resolve("in-link"))).size());
    }

    @Test
    void readOnlyRefusesEveryChange() throws Exception {
        LocalFileSystem readOnly = new LocalFileSystem(root, false, new MemoryReactor());
        assertInstanceOf(AccessDeniedException.class, failure(readOnly.delete(FtpPath.ROOT.resolve("in.txt"))));
        assertInstanceOf(AccessDeniedException.class, failure(readOnly.makeDirectory(FtpPath.ROOT.resolve("d"))));
        assertInstanceOf(AccessDeniedException.class, failure(readOnly.openUnique(FtpPath.ROOT)));
        assertInstanceOf(AccessDeniedException.class, failure(readOnly.rename(FtpPath.ROOT.resolve("in.txt"), FtpPath.ROOT.resolve("x"))));
        assertTrue(Files.exists(root.resolve("in.txt")));
    }

    @Test
    void theRootCannotBeRemovedOrRenamed() {
        assertTrue(failure(files.removeDirectory(FtpPath.ROOT)) != null);
        assertInstanceOf(AccessDeniedException.class, failure(files.rename(FtpPath.ROOT, FtpPath.ROOT.resolve("x"))));
        assertTrue(Files.isDirectory(root));
    }
}
