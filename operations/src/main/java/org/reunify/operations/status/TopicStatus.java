package org.reunify.operations.status;

import java.util.List;

/**
 * One of the pipeline's topics.
 *
 * @param problems what makes its configs unsafe, with the fix; empty when safe
 */
public record TopicStatus(String name, int partitions, int replicas, List<String> problems) {

    public TopicStatus {
        problems = List.copyOf(problems);
    }

    public boolean safe() {
        return problems.isEmpty();
    }
}
