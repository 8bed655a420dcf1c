package org.reunify.producers.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A weighted choice among values (null allowed), drawn with a seeded {@link Random}. */
final class Weighted<T> {

    private final List<T> values = new ArrayList<>();
    private final List<Integer> cumulative = new ArrayList<>();
    private int total;

    Weighted<T> add(T value, int weight) {
        if (weight > 0) {
            total += weight;
            values.add(value);
            cumulative.add(total);
        }
        return this;
    }

    T pick(Random random) {
        int ticket = random.nextInt(total);
        for (int i = 0; i < values.size(); i++) {
            if (ticket < cumulative.get(i)) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
