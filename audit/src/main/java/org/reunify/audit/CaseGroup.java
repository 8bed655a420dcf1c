package org.reunify.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CasesOnHeap;
import org.reunify.streams.rules.Counts;

/**
 * The cases of one group folded together, and what they add up to. A replay of the agency topics folds one group at a
 * time and then lets go of its cases, keeping only its sums and the cases it was asked to explain, so that its heap
 * holds one group's cases, not the whole history's.
 */
final class CaseGroup {

    /** A refusal, kept until the group's figures are final. */
    record Notice(String topic, int partition, long offset, Refusal.Refused refused) {}

    private final CasesOnHeap cases = new CasesOnHeap();
    final Map<String, Counts> totals = new HashMap<>();
    final Map<String, Counts> destinationTotals = new HashMap<>();
    final Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
    final List<Notice> notices = new ArrayList<>();
    final Map<String, Counts> timeline = new HashMap<>();
    final DailySeries days = new DailySeries();
    final Map<String, List<CaseRecord>> explainedRecords = new TreeMap<>();

    long records;

    CasesOnHeap cases() {
        return cases;
    }

    void refuse(String topic, int partition, long offset, Refusal.Refused refused) {
        refusals.merge(refused.code(), 1L, Long::sum);
        notices.add(new Notice(topic, partition, offset, refused));
    }

    /** Lets go of every case but the explained ones, whose summary and shares {@code explain} reads. */
    void close() {
        cases.retainOnly(explainedRecords.keySet());
    }
}
