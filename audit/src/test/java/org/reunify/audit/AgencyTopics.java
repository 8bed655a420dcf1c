package org.reunify.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseLimits;

/**
 * Two agencies' events as their topics hold them, appended at whole seconds after {@link #T0}, read by a replay that
 * explains every case.
 */
final class AgencyTopics {

    static final Instant T0 = Instant.parse("2025-12-01T10:00:00Z");
    static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);

    final EventFactory nib = new EventFactory("nib", "test/1");
    final EventFactory police = new EventFactory("national-police", "test/1");
    final Replay replay = new Replay(CaseLimits.DEFAULT, Replay.RefusalListener.NONE, caseId -> true);
    private final Map<String, Long> nextOffsets = new HashMap<>();

    /** The event on its agency's topic, keyed by its case, appended {@code second}s after T0. */
    void append(ReunificationEvent event, int second) {
        appendRaw(Topics.eventsTopic(event.getAgency()), event.getCaseId(), EventCodec.encode(event), second);
    }

    /** Any bytes on any topic, as a producer that bypasses the publisher may write them, each topic one partition. */
    void appendRaw(String topic, String key, byte[] value, int second) {
        long offset = nextOffsets.merge(topic, 1L, Long::sum) - 1;
        replay.accept(
                topic,
                0,
                offset,
                key.getBytes(StandardCharsets.UTF_8),
                value,
                at(second).toEpochMilli());
    }

    static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
