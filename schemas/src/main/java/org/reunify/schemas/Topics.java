package org.reunify.schemas;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.reunify.schemas.avro.ReunificationEvent;

/** Topic names and the configs docs/DESIGN.md requires of them. */
public final class Topics {

    public static final String EVENTS_PREFIX = "reunification.events.";

    /** Headers of a record on {@code reunification.rejected}: why it was refused and where it came from. */
    public static final String REASON_HEADER = "reason";

    public static final String SOURCE_TOPIC_HEADER = "source.topic";
    public static final String SOURCE_PARTITION_HEADER = "source.partition";
    public static final String SOURCE_OFFSET_HEADER = "source.offset";
    /** On an {@code OVERSIZED} refusal: the size in bytes of the value before it was cut, and its SHA-256 (hex). */
    public static final String SOURCE_SIZE_HEADER = "source.size";

    public static final String SOURCE_SHA256_HEADER = "source.sha256";
    /** The same two for a key that was cut. */
    public static final String SOURCE_KEY_SIZE_HEADER = "source.key.size";

    public static final String SOURCE_KEY_SHA256_HEADER = "source.key.sha256";

    /**
     * Partitions of every agency topic unless the operator chooses otherwise; also bounds how many streams
     * instances can share the work.
     */
    public static final int DEFAULT_PARTITIONS = 6;

    public static final Pattern AGENCY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");

    /** The config that bounds a record batch on a topic; every topic the pipeline writes sets it explicitly. */
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    /**
     * The config (brokers of Kafka 4.3.2 and later) that bounds the size of one record once decompressed: a compressed
     * record larger than this is refused when produced, before it is appended.
     */
    public static final String MAX_DECOMPRESSED_MESSAGE_BYTES = "max.decompressed.message.bytes";
    /**
     * What one record on an agency topic may decompress to. A record within the broker's 1 MiB batch limit can hold a
     * 2 GiB value compressed with zstd, which no consumer reads without allocating it whole: the streams app would
     * stop on it. Anything the stream could count whole fits (a key and a value of up to {@link
     * Refusal#MAX_RECORD_PART_BYTES} each, with room for headers and the record's framing); a larger record that does
     * get onto the topic (uncompressed, or on a broker without the setting) is refused {@code OVERSIZED} as before.
     */
    public static final int EVENTS_MAX_DECOMPRESSED_BYTES = 2 * Refusal.MAX_RECORD_PART_BYTES + 16 * 1024;
    /**
     * The largest bound on decompressed records under which an agency topic counts as protected: a record no larger
     * than the batch a broker takes by default (1 MiB and its framing), which the streams app's heap holds many times.
     */
    public static final int MAX_SAFE_DECOMPRESSED_BYTES = 1024 * 1024 + 12;

    /**
     * Events are evidence: kept forever, stamped by the broker so that no producer can backdate them, and no record
     * the broker takes can decompress to more than a consumer can hold.
     */
    public static final Map<String, String> EVENTS_CONFIG = Map.of(
            "retention.ms",
            "-1",
            "retention.bytes",
            "-1",
            "message.timestamp.type",
            "LogAppendTime",
            MAX_DECOMPRESSED_MESSAGE_BYTES,
            Integer.toString(EVENTS_MAX_DECOMPRESSED_BYTES));
    /** A tally is a few hundred bytes of JSON; this leaves room for any tally and its key. */
    public static final int TOTALS_MAX_MESSAGE_BYTES = 64 * 1024;
    /**
     * The largest refusal: a key and a value each cut to {@link Refusal#MAX_RECORD_PART_BYTES}, the headers (reason,
     * source coordinates, size and digest of what was cut) and the batch's own framing, with room to spare.
     */
    public static final int REJECTED_MAX_MESSAGE_BYTES = 256 * 1024;

    /** One current tally per key: compacted. */
    public static final Map<String, String> TOTALS_CONFIG =
            Map.of("cleanup.policy", "compact", MAX_MESSAGE_BYTES, Integer.toString(TOTALS_MAX_MESSAGE_BYTES));
    /** Refused records are kept for as long as the events they came from. */
    public static final Map<String, String> REJECTED_CONFIG = Map.of(
            "retention.ms",
            "-1",
            "retention.bytes",
            "-1",
            MAX_MESSAGE_BYTES,
            Integer.toString(REJECTED_MAX_MESSAGE_BYTES));

    /** How every agency topic is written, whatever the agency: keys are case ids, values events. */
    public static final Serde<String> EVENT_KEYS = Serdes.String();

    public static final Serde<ReunificationEvent> EVENT_VALUES = new EventSerde();

    /** The tally of every region and {@code UA}, by region code: what dashboards and sinks read. */
    public static final Topic<String, Tally> TOTALS =
            new Topic<>("reunification.totals", Serdes.String(), TallySerde.regions(), TOTALS_CONFIG);
    /**
     * Each region's tally at the end of every Kyiv day on which it changed, keyed {@code REGION/YYYY-MM-DD}: compaction
     * keeps the day's last, and nothing deletes it.
     */
    public static final Topic<String, Tally> TOTALS_DAILY =
            new Topic<>("reunification.totals.daily", Serdes.String(), TallySerde.daily(), TOTALS_CONFIG);
    /** The tally of every destination (rule 7), by destination code. */
    public static final Topic<String, Tally> DESTINATIONS =
            new Topic<>("reunification.destinations", Serdes.String(), TallySerde.destinations(), TOTALS_CONFIG);
    /**
     * Rule 8's timeline: each region's (and {@code UA}'s) cases taken and returned in each month, keyed {@code
     * REGION/YYYY-MM}; a month that no longer has a case is deleted (a tombstone), so compaction keeps only months with
     * one.
     */
    public static final Topic<String, TimelineEntry> TIMELINE =
            new Topic<>("reunification.timeline", Serdes.String(), new TimelineSerde(), TOTALS_CONFIG);
    /** The topics of published tallies: the streams app writes them, readers of the figures read them. */
    public static final List<Topic<String, ?>> PUBLISHED = List.of(TOTALS, TOTALS_DAILY, DESTINATIONS, TIMELINE);
    /** Every refused record, under its original key, its original bytes (cut when oversized). */
    public static final Topic<byte[], byte[]> REJECTED =
            new Topic<>("reunification.rejected", Serdes.ByteArray(), Serdes.ByteArray(), REJECTED_CONFIG);
    /**
     * The largest receipt: its counts, and its refused lines listed up to the gateway's bound, each reason cut short,
     * with room to spare.
     */
    public static final int RECEIPTS_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Receipts are the audit trail of who sent what, when and from where: kept for as long as the events. */
    public static final Map<String, String> RECEIPTS_CONFIG = Map.of(
            "retention.ms",
            "-1",
            "retention.bytes",
            "-1",
            MAX_MESSAGE_BYTES,
            Integer.toString(RECEIPTS_MAX_MESSAGE_BYTES));
    /** One receipt (JSON) per upload through the gateway, keyed by its upload id; never any event's content. */
    public static final Topic<String, String> RECEIPTS =
            new Topic<>("reunification.receipts", Serdes.String(), Serdes.String(), RECEIPTS_CONFIG);

    private Topics() {}

    /** An agency's events, keyed by case id; refuses an id that breaks the agency id rule. */
    public static Topic<String, ReunificationEvent> events(String agency) {
        return new Topic<>(eventsTopic(agency), EVENT_KEYS, EVENT_VALUES, EVENTS_CONFIG);
    }

    /** {@link #AGENCY_ID}, checked by hand: every record is checked, and a regular expression cost a matcher each. */
    public static boolean isAgencyId(String agency) {
        if (agency == null || agency.length() < 2 || agency.length() > 32 || agency.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < agency.length(); i++) {
            char c = agency.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The events topic of an agency; refuses an id that breaks the agency id rule. */
    public static String eventsTopic(String agency) {
        if (!isAgencyId(agency)) {
            throw new IllegalArgumentException("agency id must match " + AGENCY_ID.pattern()
                    + " (lower-case letters, digits and '-', 2 to 32 characters)");
        }
        return EVENTS_PREFIX + agency;
    }

    /** The agency an events topic belongs to; empty for any other topic. */
    public static Optional<String> agencyOf(String topic) {
        if (topic == null || !topic.startsWith(EVENTS_PREFIX)) {
            return Optional.empty();
        }
        String agency = topic.substring(EVENTS_PREFIX.length());
        return isAgencyId(agency) ? Optional.of(agency) : Optional.empty();
    }
}
