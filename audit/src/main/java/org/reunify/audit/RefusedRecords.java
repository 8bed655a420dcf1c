package org.reunify.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.reunify.schemas.Refusal;

/**
 * The records of one agency topic that the stream refuses, found by the replay: what an agency cannot read itself on a
 * secured cluster ({@code reunification.rejected} is the pipeline's), listed by where they lie and why, never with
 * their content, for an auditor to hand to the agency.
 */
public final class RefusedRecords implements Replay.RefusalListener {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String topic;
    private final List<Refused> refused = new ArrayList<>();

    public RefusedRecords(String topic) {
        this.topic = topic;
    }

    /** One refused record: its partition and offset in the agency topic, and the reason the stream gives. */
    public record Refused(int partition, long offset, Refusal.Refused why) {}

    @Override
    public void refused(String topic, int partition, long offset, Refusal.Refused why) {
        if (this.topic.equals(topic)) {
            refused.add(new Refused(partition, offset, why));
        }
    }

    /** By partition, then offset: the order in which the agency's client wrote them to each partition. */
    public List<Refused> list() {
        return refused.stream()
                .sorted(Comparator.comparingInt(Refused::partition).thenComparingLong(Refused::offset))
                .toList();
    }

    public void table(PrintWriter out) {
        out.printf("%-9s %10s  %s%n", "PARTITION", "OFFSET", "REASON");
        list().forEach(record -> out.printf(
                "%-9d %10d  %s%n",
                record.partition(), record.offset(), record.why().reason()));
    }

    public void json(PrintWriter out) {
        ArrayNode array = MAPPER.createArrayNode();
        list().forEach(record -> array.addObject()
                .put("topic", topic)
                .put("partition", record.partition())
                .put("offset", record.offset())
                .put("code", record.why().code().name())
                .put("reason", record.why().reason()));
        out.println(array.toPrettyString());
    }
}
