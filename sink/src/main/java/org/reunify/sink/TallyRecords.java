package org.reunify.sink;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.reunify.schemas.MalformedTallyException;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tallies in the records of the published topics, for their readers. A record that holds none — no key, no value,
 * bytes that are not a tally, a tally of another kind than its topic's or of another key than its own — is skipped
 * with a warning that says where it lies and why, never what it holds, and counted. Never fatal: readers start from
 * the topic's beginning, so a reader that stopped at such a record would stop again at every start.
 */
public final class TallyRecords {

    private static final Logger LOG = LoggerFactory.getLogger(TallyRecords.class);

    private final AtomicLong skipped = new AtomicLong();

    /** The tally of a record of any published topic, of the kind that topic holds. */
    public Optional<Tally> tally(ConsumerRecord<String, byte[]> record) {
        Optional<PublishedTallies> published = PublishedTallies.of(record.topic());
        return read(
                record,
                published.isPresent(),
                TallyJson::fromBytes,
                tally -> published.get().holds(tally),
                Tally::topicKey);
    }

    /** The timeline entry of a record of {@code reunification.timeline}. */
    public Optional<TimelineEntry> timelineEntry(ConsumerRecord<String, byte[]> record) {
        return read(
                record,
                record.topic().equals(Topics.TIMELINE.name()),
                TallyJson::timelineFromBytes,
                entry -> true,
                TimelineEntry::key);
    }

    private <R> Optional<R> read(
            ConsumerRecord<String, byte[]> record,
            boolean published,
            Function<byte[], R> parse,
            Predicate<R> ofTheTopicsKind,
            Function<R, String> keyOf) {
        String problem;
        if (!published) {
            problem = "not a topic of published tallies";
        } else if (record.key() == null) {
            problem = "no key";
        } else if (record.value() == null) {
            problem = "no value";
        } else {
            try {
                R row = parse.apply(record.value());
                if (!ofTheTopicsKind.test(row)) {
                    problem = "another kind of tally than the topic holds";
                } else if (!keyOf.apply(row).equals(record.key())) {
                    problem = "the tally of another key than its own";
                } else {
                    return Optional.of(row);
                }
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
