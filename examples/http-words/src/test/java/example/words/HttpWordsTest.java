package example.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.client.Agent;
import dev.torsion.netty.NettyReactor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpWordsTest {
    @Test
    void countsTheSameWordsBothWaysAndAtOnceIsFaster() throws Exception {
        NettyReactor reactor = NettyReactor.create();
        CompletableFuture<HttpWords.Outcome[]> outcomes = new CompletableFuture<>();
        reactor.callWhenRunning(() -> {
            List<String> urls = HttpWords.serveThreePages(reactor);
            Agent agent = new Agent(reactor);
            HttpWords.Outcome[] both = new HttpWords.Outcome[2];
            HttpWords.warmUp(agent, urls.get(0))
                    .addCallbackDeferred(ignored -> HttpWords.atOnce(reactor, agent, urls))
                    .addCallbackDeferred(first -> {
                        both[0] = first;
                        return HttpWords.oneAfterAnother(reactor, agent, urls);
                    })
                    .addCallbacks(second -> {
                        both[1] = second;
                        outcomes.complete(both);
                        return null;
                    }, failure -> {
                        outcomes.completeExceptionally(failure.value());
                        return null;
                    })
                    .addFinally(reactor::stop);
        });
        Thread loop = new Thread(reactor::run);
        loop.start();
        HttpWords.Outcome[] both = outcomes.get(30, TimeUnit.SECONDS);
        loop.join(15_000);
        assertEquals(18, both[0].words());
        assertEquals(18, both[1].words());
        // The three pages take 300 + 400 + 500 ms: under 1200 ms in all, they must have overlapped.
        assertTrue(both[0].took().toMillis() < 1200, "at once: the pages overlap, took " + both[0].took());
        assertTrue(both[1].took().toMillis() >= 1200, "one after another: all pages together, took " + both[1].took());
    }

    @Test
    void countsWords() {
        assertEquals(0, HttpWords.countWords(" \n".getBytes()));
        assertEquals(3, HttpWords.countWords("a  b\nc".getBytes()));
    }
}
