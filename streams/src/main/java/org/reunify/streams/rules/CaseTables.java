package org.reunify.streams.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * The cases' state as three keyed tables, wherever they live: the stream's state stores, or maps on the heap for the
 * replay and anyone folding a history outside the stream.
 */
public final class CaseTables implements CaseStore {

    private final Table<CaseSummary> summaries;
    private final Table<AgencyShare> shares;
    private final Table<Boolean> retractions;

    /**
     * @param summaries   by case id
     * @param shares      by {@link StateKeys#share}
     * @param retractions by {@link StateKeys#retraction}: present for every eventId under which the agency sent a
     * retraction
     */
    public CaseTables(Table<CaseSummary> summaries, Table<AgencyShare> shares, Table<Boolean> retractions) {
        this.summaries = summaries;
        this.shares = shares;
        this.retractions = retractions;
    }

    /** Tables on the heap. */
    public static CaseTables inMemory() {
        return new CaseTables(Table.of(new HashMap<>()), Table.of(new HashMap<>()), Table.of(new HashMap<>()));
    }

    /** A table of values by key. */
    public interface Table<V> {

        /** @return null for a key never put */
        V get(String key);

        void put(String key, V value);

        static <V> Table<V> of(Map<String, V> map) {
            return new Table<>() {
                @Override
                public V get(String key) {
                    return map.get(key);
                }

                @Override
                public void put(String key, V value) {
                    map.put(key, value);
                }
            };
        }
    }

    @Override
    public CaseSummary summary(String caseId) {
        return summaries.get(caseId);
    }

    @Override
    public void putSummary(String caseId, CaseSummary summary) {
        summaries.put(caseId, summary);
    }

    @Override
    public AgencyShare share(String caseId, String agency) {
        return shares.get(StateKeys.share(caseId, agency));
    }

    @Override
    public void putShare(String caseId, String agency, AgencyShare share) {
        shares.put(StateKeys.share(caseId, agency), share);
    }

    @Override
    public boolean isRetraction(String caseId, String agency, String eventId) {
        return retractions.get(StateKeys.retraction(caseId, agency, eventId)) != null;
    }

    @Override
    public void putRetraction(String caseId, String agency, String eventId) {
        retractions.put(StateKeys.retraction(caseId, agency, eventId), Boolean.TRUE);
    }
}
