package org.reunify.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.WakeupException;
import org.reunify.schemas.Tally;
import org.reunify.sink.TotalsFollower;

/**
 * Publish-to-tally latency, event by event. Every probe event is a new case in a known region, so the n-th probe
 * event appended to a region is in the totals once that region's {@code deported} reaches its count before the probe
 * plus n. The broker's append time (the events' {@code LogAppendTime}) and the moment a read_committed reader sees the
 * tally are on this machine's one clock.
 */
final class LatencyProbe implements AutoCloseable {

    private final Map<String, Long> before;
    /** Per region, when each deported count was first seen, in epoch milliseconds. */
    private final Map<String, Map<Long, Long>> seen = new ConcurrentHashMap<>();

    private final Map<String, List<Long>> appended = new HashMap<>();
    private final TotalsFollower follower;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    LatencyProbe(Map<String, Object> client, Map<String, Long> deportedBefore) {
        this.before = Map.copyOf(deportedBefore);
        this.follower = new TotalsFollower(client);
        follower.catchUp(Duration.ofMinutes(1));
        this.reader = new Thread(this::follow, "bench-latency-reader");
        reader.start();
    }

    private void follow() {
        while (running.get()) {
            List<Tally> changes;
            try {
                changes = follower.poll(Duration.ofMillis(100));
            } catch (WakeupException e) {
                return;
            }
            long now = System.currentTimeMillis();
            for (Tally tally : changes) {
                seen.computeIfAbsent(tally.code(), region -> new ConcurrentHashMap<>())
                        .putIfAbsent(tally.deported(), now);
            }
        }
    }

    /** Records a probe event's append time, as the broker returned it. */
    synchronized void appended(String region, long appendTimeMillis) {
        appended.computeIfAbsent(region, code -> new ArrayList<>()).add(appendTimeMillis);
    }

    /** Whether every probe event is in the totals. */
    boolean complete() {
        for (Map.Entry<String, List<Long>> region : snapshot().entrySet()) {
            long target =
                    before.getOrDefault(region.getKey(), 0L) + region.getValue().size();
            Map<Long, Long> times = seen.getOrDefault(region.getKey(), Map.of());
            if (times.keySet().stream().noneMatch(count -> count >= target)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Latencies in milliseconds, sorted. Counts only grow while the probe runs, so an event is visible from the first
     * tally whose count reaches it (two events counted in one update share that tally's time).
     */
    long[] latencies() {
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, List<Long>> region : snapshot().entrySet()) {
            long[] times = region.getValue().stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .toArray();
            TreeMap<Long, Long> firstSeen = new TreeMap<>(seen.getOrDefault(region.getKey(), Map.of()));
            long base = before.getOrDefault(region.getKey(), 0L);
            for (int n = 0; n < times.length; n++) {
                Map.Entry<Long, Long> visible = firstSeen.ceilingEntry(base + n + 1);
                if (visible == null) {
                    throw new IllegalStateException(
                            "a probe event in " + region.getKey() + " never reached the totals");
                }
                latencies.add(Math.max(0, visible.getValue() - times[n]));
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private synchronized Map<String, List<Long>> snapshot() {
        Map<String, List<Long>> copy = new HashMap<>();
        appended.forEach((region, times) -> copy.put(region, List.copyOf(times)));
        return copy;
    }

    /** The latencies of every probe event at the rate it was published. */
    Result result(int rate) {
        long[] sorted = latencies();
        return new Result(
                sorted.length,
                rate,
                percentile(sorted, 50),
                percentile(sorted, 99),
                percentile(sorted, 99.9),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    record Result(long events, int rate, long p50Millis, long p99Millis, long p999Millis, long maxMillis) {}

    static long percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public void close() {
        running.set(false);
        follower.wakeup();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
    }
}
