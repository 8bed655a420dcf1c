package org.reunify.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseHistory;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.EventRef;

/**
 * A case's accepted events in the case store and its changelog. Versioned, so that a later build can still
 * restore the state an earlier one wrote.
 */
final class CaseHistorySerde implements Serde<CaseHistory> {

    private static final byte VERSION = 1;
    private static final long NO_DATE = Long.MIN_VALUE;

    @Override
    public Serializer<CaseHistory> serializer() {
        return (topic, history) -> history == null ? null : write(history);
    }

    @Override
    public Deserializer<CaseHistory> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(CaseHistory history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 96 * history.events().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(history.caseId());
            out.writeInt(history.events().size());
            for (CaseEvent event : history.events()) {
                out.writeUTF(event.ref().agency());
                out.writeUTF(event.ref().eventId());
                out.writeByte(code(event.kind()));
                writeNullable(out, event.region());
                out.writeLong(event.occurredOn() == null ? NO_DATE : event.occurredOn().toEpochDay());
                writeNullable(out, event.destination());
                writeNullable(out, event.retracts());
                writeNullable(out, event.reason());
                out.writeLong(event.reportedAt());
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write a case history", e);
        }
        return bytes.toByteArray();
    }

    private static CaseHistory read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("case history version " + version + " is newer than this build reads");
            }
            String caseId = in.readUTF();
            int count = in.readInt();
            List<CaseEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                EventRef ref = new EventRef(in.readUTF(), in.readUTF());
                EventKind kind = kind(in.readByte());
                String region = readNullable(in);
                long epochDay = in.readLong();
                String destination = readNullable(in);
                String retracts = readNullable(in);
                String reason = readNullable(in);
                long reportedAt = in.readLong();
                events.add(new CaseEvent(ref, caseId, kind, region, epochDay == NO_DATE ? null : LocalDate.ofEpochDay(epochDay),
                        destination, retracts, reason, reportedAt));
            }
            return new CaseHistory(caseId, events);
        } catch (IOException e) {
            throw new SerializationException("cannot read a case history", e);
        }
    }

    private static byte code(EventKind kind) {
        return switch (kind) {
            case DEPORTATION_REPORTED -> 'D';
            case RETURN_CONFIRMED -> 'R';
            case REPORT_RETRACTED -> 'X';
        };
    }

    private static EventKind kind(byte code) {
        return switch (code) {
            case 'D' -> EventKind.DEPORTATION_REPORTED;
            case 'R' -> EventKind.RETURN_CONFIRMED;
            case 'X' -> EventKind.REPORT_RETRACTED;
            default -> throw new SerializationException("unknown event kind code " + code);
        };
    }

    private static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
