package org.reunify.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * The stateful peer's value per case: the case's reports by (agency, eventId), each kept once, in the order they
 * arrived. A retraction marks its target retracted whether it arrives before or after it, so re-deliveries,
 * cross-agency copies and retracted reports count as the rules count them on the benchmark's history. What the
 * rules do beyond that (a retraction of a retraction, the limits per case, refusals) a plain aggregate leaves out.
 */
final class PeerCase {

    static final Serde<PeerCase> SERDE = Serdes.serdeFrom(new CaseSerializer(), new CaseDeserializer());

    private static final byte DEPORTED = 0;
    private static final byte RETURNED = 1;
    private static final byte RETRACTED = 2;

    /** A report's kind, its region (empty when retracted) and when it arrived among the case's reports. */
    private record Report(byte kind, String region, int arrival) {}

    private final Map<String, Report> reports;
    private final int arrivals;

    private PeerCase(Map<String, Report> reports, int arrivals) {
        this.reports = reports;
        this.arrivals = arrivals;
    }

    static PeerCase empty() {
        return new PeerCase(new HashMap<>(), 0);
    }

    /**
     * The case with {@code event} folded in, a new value: the old one goes on downstream, for the subtractor of its
     * region's totals.
     */
    PeerCase with(ReunificationEvent event) {
        Map<String, Report> reports = new HashMap<>(this.reports);
        Object body = event.getBody();
        if (body instanceof ReportRetracted retraction) {
            reports.put(key(event.getAgency(), retraction.getRetracts()), new Report(RETRACTED, "", arrivals));
        } else if (body instanceof DeportationReported deportation) {
            reports.putIfAbsent(key(event), new Report(DEPORTED, deportation.getRegion(), arrivals));
        } else if (body instanceof ReturnConfirmed returned) {
            reports.putIfAbsent(key(event), new Report(RETURNED, returned.getRegion(), arrivals));
        }
        return new PeerCase(reports, arrivals + 1);
    }

    /** The region of the latest live report, or null when no report is live and the case counts nowhere. */
    String region() {
        Report latest = null;
        for (Report report : reports.values()) {
            if (report.kind() != RETRACTED && (latest == null || report.arrival() > latest.arrival())) {
                latest = report;
            }
        }
        return latest == null ? null : latest.region();
    }

    /** What the case adds to its region's totals: deported once it has a live report, returned with a live return. */
    PeerCounts counts() {
        boolean returned = reports.values().stream().anyMatch(report -> report.kind() == RETURNED);
        return new PeerCounts(1, returned ? 1 : 0);
    }

    private static String key(ReunificationEvent event) {
        return key(event.getAgency(), event.getEventId());
    }

    private static String key(String agency, String eventId) {
        return agency + '\u0000' + eventId;
    }

    private static final class CaseSerializer implements Serializer<PeerCase> {
        @Override
        public byte[] serialize(String topic, PeerCase value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(value.arrivals);
                out.writeInt(value.reports.size());
                for (Map.Entry<String, Report> entry : value.reports.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeByte(entry.getValue().kind());
                    out.writeUTF(entry.getValue().region());
                    out.writeInt(entry.getValue().arrival());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    private static final class CaseDeserializer implements Deserializer<PeerCase> {
        @Override
        public PeerCase deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                int arrivals = in.readInt();
                int size = in.readInt();
                Map<String, Report> reports = new HashMap<>(size * 2);
                for (int i = 0; i < size; i++) {
                    reports.put(in.readUTF(), new Report(in.readByte(), in.readUTF(), in.readInt()));
                }
                return new PeerCase(reports, arrivals);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
