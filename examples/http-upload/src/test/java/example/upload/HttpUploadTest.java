package example.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.http.client.Agent;
import dev.torsion.internet.IPv4Address;
import dev.torsion.netty.NettyReactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpUploadTest {
    @TempDir
    Path temp;

    @Test
    void theServerDigestsAnUploadLargerThanItsBufferedLimit() throws Exception {
        // Larger than the 10 MiB a buffered body may have: only a streamed body gets through.
        byte[] data = new byte[24 << 20];
        new Random(7).nextBytes(data);
        Path file = temp.resolve("upload.bin");
        Files.write(file, data);
        NettyReactor reactor = NettyReactor.create();
        CompletableFuture<String> answer = new CompletableFuture<>();
        reactor.callWhenRunning(() -> {
            int port = ((IPv4Address) HttpUpload.serve(reactor, 0).getHost()).port();
            HttpUpload.upload(new Agent(reactor), "http://127.0.0.1:" + port + "/sha256", file)
                    .addCallbacks(text -> {
                        answer.complete(text);
                        return null;
                    }, failure -> {
                        answer.completeExceptionally(failure.value());
                        return null;
                    })
                    .addFinally(reactor::stop);
        });
        Thread loop = new Thread(reactor::run);
        loop.start();
        String got = answer.get(60, TimeUnit.SECONDS);
        loop.join(15_000);
        assertEquals(HttpUpload.expectedAnswer(file), got);
    }
}
