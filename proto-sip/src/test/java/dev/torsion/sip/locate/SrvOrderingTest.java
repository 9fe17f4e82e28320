package dev.torsion.sip.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 2782's selection: priority first, then weighted draws with zero weights at the front. */
class SrvOrderingTest {
    private static final SrvRecord A = new SrvRecord(10, 60, 5060, "a.example.test");
    private static final SrvRecord B = new SrvRecord(10, 40, 5060, "b.example.test");
    private static final SrvRecord Z = new SrvRecord(10, 0, 5060, "z.example.test");
    private static final SrvRecord LOW = new SrvRecord(5, 1, 5060, "low.example.test");

    /** Draws from a script, recording the sums they were asked for. */
    private static SrvOrdering scripted(List<Integer> sums, int... draws) {
        Deque<Integer> script = new ArrayDeque<>();
        for (int draw : draws) {
            script.add(draw);
        }
        return new SrvOrdering(sum -> {
            sums.add(sum);
            return script.removeFirst();
        });
    }

    @Test
    void lowerPriorityFirstWhateverTheWeights() {
        List<Integer> sums = new ArrayList<>();
        assertEquals(List.of(LOW, Z, A, B), scripted(sums, 0, 0, 0, 0).order(List.of(A, B, Z, LOW)));
        assertEquals(List.of(1, 100, 100, 40), sums, "each round draws up to the sum of the weights left");
    }

    @Test
    void aDrawPicksTheFirstRecordWhoseRunningSumReachesIt() {
        List<Integer> sums = new ArrayList<>();
        // Pool Z(0) A(60) B(40): running sums 0, 60, 100. 61 picks B, then pool Z A: 1 picks A.
        assertEquals(List.of(B, A, Z), scripted(sums, 61, 1, 0).order(List.of(A, B, Z)));
        assertEquals(List.of(100, 60, 0), sums);
    }

    @Test
    void outOfRangeDrawsAreClamped() {
        assertEquals(List.of(B, A), scripted(new ArrayList<>(), 1000, -5).order(List.of(A, B)));
    }

    @Test
    void dotTargetsAreLeftOut() {
        SrvRecord none = new SrvRecord(0, 0, 0, ".");
        assertEquals(List.of(), SrvOrdering.random().order(List.of(none)));
        assertEquals(List.of(A), SrvOrdering.random().order(List.of(none, A)));
    }

    @Test
    void randomDrawsFollowTheWeights() {
        Map<SrvRecord, Integer> firsts = new HashMap<>();
        SrvOrdering random = SrvOrdering.random();
        for (int i = 0; i < 4000; i++) {
            firsts.merge(random.order(List.of(A, B)).get(0), 1, Integer::sum);
        }
        // A has 60 % of the weight: about 2400 of 4000, far from B's 1600.
        int a = firsts.getOrDefault(A, 0);
        assertTrue(a > 2150 && a < 2650, "A first " + a + " times of 4000");
    }
}
