package org.reunify.streams;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.streams.rules.CaseTables;

/** One of the task's state stores as a table of the rules' state, logged to its changelog. */
record StoreTable<V>(KeyValueStore<String, V> store) implements CaseTables.Table<V> {

    /** The cases' state in the task's stores. */
    static CaseTables cases(ProcessingContext context) {
        return new CaseTables(
                new StoreTable<>(context.getStateStore(ReunificationTopology.CASE_SUMMARIES)),
                new StoreTable<>(context.getStateStore(ReunificationTopology.AGENCY_SHARES)),
                new StoreTable<>(context.getStateStore(ReunificationTopology.RETRACTIONS)));
    }

    @Override
    public V get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, V value) {
        store.put(key, value);
    }
}
