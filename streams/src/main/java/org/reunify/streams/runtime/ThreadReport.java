package org.reunify.streams.runtime;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What each stream thread of a client is doing, for the log of an app that has stopped counting without failing: its
 * state, its tasks and where it waits. A thread waiting for its group looks different from one restoring or one
 * blocked on a broker call, and that is what an operator (or a bug report) needs. Stacks hold no record contents.
 */
final class ThreadReport {

    private static final int FRAMES = 15;

    private ThreadReport() {}

    static String of(KafkaStreams streams) {
        Set<ThreadMetadata> threads;
        try {
            threads = streams.metadataForLocalThreads();
        } catch (IllegalStateException e) {
            return "(the threads' metadata cannot be read in this state)";
        }
        Map<String, StackTraceElement[]> stacks = Thread.getAllStackTraces().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().getName(), Map.Entry::getValue, (a, b) -> a));
        String streamThreads = threads.stream()
                .map(thread -> describe(thread, stacks.get(thread.threadName())))
                .collect(Collectors.joining("\n"));
        // The state updaters restore the stores while their stream thread waits; their names share its prefix.
        String stateUpdaters = threads.stream()
                .map(thread -> thread.threadName().replaceFirst("-StreamThread-\\d+$", "-StateUpdater-"))
                .distinct()
                .flatMap(prefix -> stacks.entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(prefix)))
                .map(entry -> "  " + entry.getKey() + frames(entry.getValue()))
                .collect(Collectors.joining("\n"));
        return stateUpdaters.isEmpty() ? streamThreads : streamThreads + "\n" + stateUpdaters;
    }

    private static String describe(ThreadMetadata thread, StackTraceElement[] stack) {
        String tasks = thread.activeTasks().stream()
                .map(task -> task.taskId().toString())
                .sorted()
                .collect(Collectors.joining(",", "[", "]"));
        String waits = stack == null ? " (no longer alive)" : frames(stack);
        return "  " + thread.threadName() + " " + thread.threadState() + ", active tasks " + tasks + waits;
    }

    private static String frames(StackTraceElement[] stack) {
        return Arrays.stream(stack)
                .limit(FRAMES)
                .map(frame -> "\n      at " + frame)
                .collect(Collectors.joining());
    }
}
