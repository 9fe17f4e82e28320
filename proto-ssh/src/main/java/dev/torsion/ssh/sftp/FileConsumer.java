package dev.torsion.ssh.sftp;

import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A consumer writing into a local file; a write error stops the producer and is kept for the caller. */
final class FileConsumer implements Consumer {
    private final FileChannel file;
    private Producer producer;
    private IOException error;

    FileConsumer(FileChannel file) {
        this.file = file;
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        this.producer = producer;
    }

    @Override
    public void unregisterProducer() {
        producer = null;
    }

    @Override
    public void write(byte[] data) {
        if (error != null) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        } catch (IOException e) {
            error = e;
            if (producer != null) {
                producer.stopProducing();
            }
        }
    }

    /** The write error, if one stopped the transfer. */
    IOException error() {
        return error;
    }

    void close() {
        try {
            file.close();
        } catch (IOException e) {
            if (error == null) {
                error = e;
            }
        }
    }
}
