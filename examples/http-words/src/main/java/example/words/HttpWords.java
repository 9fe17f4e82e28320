package example.words;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Deferreds;
import dev.torsion.http.client.Agent;
import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.NettyReactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The story of three HTTP requests. Fetch three pages at once with the Agent and count their words
 * when all three have arrived ({@code gatherResults}); then fetch the same three one after another.
 * Both print the total and the wall time: at once takes about as long as the slowest page, one
 * after another as long as all of them together, and both run on one thread.
 *
 * <pre>
 * mvn -q compile exec:java                                  # three slow pages served right here
 * mvn -q compile exec:java -Dexec.args="URL1 URL2 URL3"     # or any pages you like
 * </pre>
 */
public final class HttpWords {
    /** What one run found. */
    public record Outcome(int words, Duration took) {
    }

    private HttpWords() {
    }

    /** Counts the whitespace-separated words of a page. */
    static int countWords(byte[] page) {
        String text = new String(page, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }

    /**
     * Fetches {@code url} once, untimed: the first request of a fresh JVM pays for loading classes
     * and warming up, which would otherwise be counted against whichever run came first.
     */
    public static Deferred<byte[]> warmUp(Agent agent, String url) {
        return agent.request("GET", url, null, null).addCallbackDeferred(Agent::readBody);
    }

    /** Fetches every URL at once; the result fires when all have arrived. */
    public static Deferred<Outcome> atOnce(Reactor reactor, Agent agent, List<String> urls) {
        long start = reactor.nanoTime();
        List<Deferred<Integer>> counts = new ArrayList<>();
        for (String url : urls) {
            counts.add(agent.request("GET", url, null, null)
                    .addCallbackDeferred(Agent::readBody)
                    .addCallback(HttpWords::countWords));
        }
        return Deferreds.gatherResults(counts).addCallback(all -> new Outcome(
                all.stream().mapToInt(Integer::intValue).sum(), Duration.ofNanos(reactor.nanoTime() - start)));
    }

    /** Fetches the URLs one after another, each once the one before it has arrived. */
    public static Deferred<Outcome> oneAfterAnother(Reactor reactor, Agent agent, List<String> urls) {
        long start = reactor.nanoTime();
        Deferred<Integer> total = Deferred.succeed(0);
        for (String url : urls) {
            total = total.addCallbackDeferred(sum -> agent.request("GET", url, null, null)
                    .addCallbackDeferred(Agent::readBody)
                    .addCallback(page -> sum + countWords(page)));
        }
        return total.addCallback(sum -> new Outcome(sum, Duration.ofNanos(reactor.nanoTime() - start)));
    }

    /** A page that answers after a delay, as a slow server far away would. */
    static final class SlowPage extends Resource {
        private final Reactor reactor;
        private final Duration delay;
        private final String text;

        SlowPage(Reactor reactor, Duration delay, String text) {
            super(true);
            this.reactor = reactor;
            this.delay = delay;
            this.text = text;
        }

        @Override
        protected Rendered renderGET(Request request) {
            Deferred<Rendered> page = new Deferred<>();
            reactor.callLater(delay, () -> page.callback(Rendered.text(text)));
            return renderLater(request, page);
        }
    }

    /** Serves three slow pages on a free local port and returns their URLs. */
    public static List<String> serveThreePages(Reactor reactor) {
        Resource root = new Resource();
        root.putChild("one", new SlowPage(reactor, Duration.ofMillis(300), "It was the best of times,"));
        root.putChild("two", new SlowPage(reactor, Duration.ofMillis(400), "it was the worst of times,"));
        root.putChild("three", new SlowPage(reactor, Duration.ofMillis(500), "it was the age of wisdom."));
        ListeningPort port = reactor.listenTCP(0, new Site(root).factory(reactor), 50, "127.0.0.1");
        int number = ((IPv4Address) port.getHost()).port();
        String base = "http://127.0.0.1:" + number + "/";
        return List.of(base + "one", base + "two", base + "three");
    }

    /** Runs the story on the given URLs, or on three local slow pages. */
    public static void main(String[] args) {
        Reactor reactor = NettyReactor.create();
        reactor.callWhenRunning(() -> {
            List<String> urls = args.length > 0 ? List.of(args) : serveThreePages(reactor);
            Agent agent = new Agent(reactor);
            warmUp(agent, urls.get(0))
                    .addCallbackDeferred(ignored -> atOnce(reactor, agent, urls))
                    .addCallback(outcome -> report("at once", outcome))
                    .addCallbackDeferred(ignored -> oneAfterAnother(reactor, agent, urls))
                    .addCallback(outcome -> report("one after another", outcome))
                    .addErrback(failure -> {
                        System.out.println("failed: " + failure.getErrorMessage());
                        return null;
                    })
                    .addFinally(reactor::stop);
        });
        reactor.run();
    }

    private static Void report(String how, Outcome outcome) {
        System.out.printf("%-18s %d words in %d ms%n", how, outcome.words(), outcome.took().toMillis());
        return null;
    }
}
