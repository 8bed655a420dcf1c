package org.reunify.sink;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.reunify.schemas.MalformedTallyException;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tallies in the records of {@code reunification.totals}, for its readers. A record that holds none — no region
 * key, no value, bytes that are not a tally, the tally of another region than its key — is skipped with a warning
 * that says where it lies and why, never what it holds, and counted. Never fatal: readers start from the topic's
 * beginning, so a reader that stopped at such a record would stop again at every start.
 */
public final class TotalsRecords {

    private static final Logger LOG = LoggerFactory.getLogger(TotalsRecords.class);

    private final AtomicLong skipped = new AtomicLong();

    public Optional<Tally> tally(ConsumerRecord<String, byte[]> record) {
        String problem;
        if (record.key() == null) {
            problem = "no region key";
        } else if (record.value() == null) {
            problem = "no value";
        } else {
            try {
                Tally tally = TallyJson.fromBytes(record.value());
                if (tally.region().equals(record.key())) {
                    return Optional.of(tally);
                }
                problem = "the tally of another region than its key";
            } catch (MalformedTallyException e) {
                problem = "not a tally: " + e.getMessage();
            }
        }
        long count = skipped.incrementAndGet();
        LOG.warn(
                "skipped the record on {} at partition {} offset {} ({} skipped so far): {}",
                record.topic(),
                record.partition(),
                record.offset(),
                count,
                problem);
        return Optional.empty();
    }

    /** How many records were skipped so far. */
    public long skipped() {
        return skipped.get();
    }
}
