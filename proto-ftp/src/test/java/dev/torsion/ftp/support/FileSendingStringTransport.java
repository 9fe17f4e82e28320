package dev.torsion.ftp.support;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.testing.StringTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A StringTransport that takes files as the zero-copy path does, counting the calls. */
public final class FileSendingStringTransport extends StringTransport implements FileSendingTransport {
    public int filesSent;

    public FileSendingStringTransport(Address host, Address peer) {
        super(host, peer);
    }

    @Override
    public Deferred<Long> sendFile(FileChannel file, long offset, long length) {
        try (FileChannel owned = file) {
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            while (buffer.hasRemaining() && owned.read(buffer, offset + buffer.position()) > 0) {
                continue;
            }
            write(buffer.array());
            filesSent++;
            return Deferred.succeed(length);
        } catch (IOException e) {
            return Deferred.fail(e);
        }
    }

    @Override
    public Deferred<Long> sendFile(Path path) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        return sendFile(file, 0, file.size());
    }
}
