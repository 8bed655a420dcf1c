package org.reunify.operations.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code reunify status} found, and the problems in it.
 *
 * @param unreachable why the cluster could not be read; then every other part is empty
 */
public record StatusReport(
        Instant at,
        Optional<String> unreachable,
        Optional<ClusterSummary> cluster,
        Optional<TopicsCheck> topics,
        Optional<StreamsAppStatus> streams,
        List<SinkPosition> sinks,
        Optional<RefusalCounts> refusals,
        List<AgencyActivity> agencies) {

    public StatusReport {
        sinks = List.copyOf(sinks);
        agencies = List.copyOf(agencies);
    }

    static StatusReport unreachable(Instant at, String why) {
        return new StatusReport(
                at,
                Optional.of(why),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                List.of());
    }

    /** Each problem in one line, in the order of the report; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        unreachable.ifPresent(problems::add);
        topics.ifPresent(check -> {
            check.topics().forEach(topic -> problems.addAll(topic.problems()));
            problems.addAll(check.problems());
        });
        streams.flatMap(StreamsAppStatus::problem).ifPresent(problems::add);
        sinks.forEach(sink -> sink.problem().ifPresent(problems::add));
        return problems;
    }

    public boolean ok() {
        return problems().isEmpty();
    }
}
