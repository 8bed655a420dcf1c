package org.reunify.streams.serdes;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseState;
import org.reunify.streams.rules.CaseSummary;
import org.reunify.streams.rules.ContentDigest;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.Position;

/**
 * A case's state in the case-states store and its changelog, written by hand in a compact form: each string once, in a
 * table at the front, and referred to by its index, so that a region, destination or agency named by several reports
 * of a case costs a byte after its first; numbers as variable-length integers. The summary's reports follow from the
 * shares and are not written. Versioned, so that a later build can tell state it cannot read.
 *
 * <pre>
 * value     version (1 byte), updatedAt (zigzag), string count, strings (length, UTF-8),
 *           named region count, region refs, named destination count, destination refs, agency count, agencies
 * agency    agency ref, slot count, slots
 * slot      eventId ref, earliest position, kind (1 byte: 0 when nothing of it is kept, else D, R or X);
 *           unless 0: region, destination and retracted eventId (each ref + 1, 0 for none), occurredOn (epoch day
 *           + 1, 0 for none), kept count, kept
 * kept      position, digest (2 × 8 bytes), refusal (its name's ref + 1, 0 when the record counts); when refused, how
 *           long after its own append time the refusal holds (milliseconds, 0 but for decision #34's retractions)
 * position  reportedAt (zigzag), partition, offset
 * </pre>
 *
 * Version 2 added the occurrence days (rule 8) and the refusals' times; version 1 state lives under another store's
 * name, which {@code TopicGuard} refuses.
 */
public final class CaseStateSerde implements Serde<CaseState> {

    private static final byte VERSION = 2;
    private static final String WHAT = "a case's state";

    @Override
    public Serializer<CaseState> serializer() {
        return (topic, state) -> state == null ? null : new Writing().write(state);
    }

    @Override
    public Deserializer<CaseState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /** One value being written: its body, and the strings it refers to in the order first referred to. */
    private static final class Writing {
        private final StateOut body = new StateOut(256);
        private final Map<String, Integer> refs = new HashMap<>();
        private final List<String> strings = new ArrayList<>();

        byte[] write(CaseState state) {
            CaseSummary summary = state.summary();
            body.writeVarLong(summary.namedRegions().size());
            summary.namedRegions().forEach(this::ref);
            body.writeVarLong(summary.namedDestinations().size());
            summary.namedDestinations().forEach(this::ref);
            body.writeVarLong(state.agencyCount());
            for (int a = 0; a < state.agencyCount(); a++) {
                ref(state.agency(a));
                List<AgencyShare.Slot> slots = state.share(a).slots();
                body.writeVarLong(slots.size());
                slots.forEach(this::slot);
            }
            StateOut out = new StateOut(body.size() + 16 * strings.size() + 16);
            out.writeByte(VERSION);
            out.writeZigZag(summary.updatedAt());
            out.writeVarLong(strings.size());
            for (String text : strings) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.writeVarLong(utf8.length);
                out.writeBytes(utf8);
            }
            body.writeTo(out);
            return out.toByteArray();
        }

        private void slot(AgencyShare.Slot slot) {
            ref(slot.eventId());
            position(slot.earliest());
            AgencyShare.Head head = slot.head();
            if (head == null) {
                if (!slot.kept().isEmpty()) {
                    throw new IllegalStateException("records kept of an event beyond the limits");
                }
                body.writeByte(0);
                return;
            }
            body.writeByte(code(head.kind()));
            nullableRef(head.region());
            nullableRef(head.destination());
            nullableRef(head.retracts());
            body.writeVarLong(head.occurredOn() == null ? 0 : head.occurredOn().toEpochDay() + 1);
            body.writeVarLong(slot.kept().size());
            for (AgencyShare.Kept kept : slot.kept()) {
                position(kept.position());
                body.writeLong(kept.digest().high());
                body.writeLong(kept.digest().low());
                if (kept.counts()) {
                    body.writeVarLong(0);
                } else {
                    nullableRef(kept.refusal().name());
                    body.writeVarLong(kept.refusedFrom() - kept.position().reportedAt());
                }
            }
        }

        private void position(Position position) {
            body.writeZigZag(position.reportedAt());
            body.writeVarLong(position.partition());
            body.writeVarLong(position.offset());
        }

        private void ref(String text) {
            body.writeVarLong(index(text));
        }

        private void nullableRef(String text) {
            body.writeVarLong(text == null ? 0 : index(text) + 1);
        }

        private int index(String text) {
            Integer known = refs.get(text);
            if (known != null) {
                return known;
            }
            refs.put(text, strings.size());
            strings.add(text);
            return strings.size() - 1;
        }
    }

    private static CaseState read(byte[] bytes) {
        StateIn in = new StateIn(WHAT, bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new SerializationException(
                    WHAT + " of version " + version + ", not version " + VERSION + ", which this build reads");
        }
        long updatedAt = in.readZigZag();
        String[] strings = new String[in.readCount()];
        for (int s = 0; s < strings.length; s++) {
            strings[s] = in.readString();
        }
        TreeSet<String> regions = refs(in, strings);
        TreeSet<String> destinations = refs(in, strings);
        int agencyCount = in.readCount();
        List<String> agencies = new ArrayList<>(agencyCount);
        List<AgencyShare> shares = new ArrayList<>(agencyCount);
        for (int a = 0; a < agencyCount; a++) {
            agencies.add(ref(in, strings));
            List<AgencyShare.Slot> slots = new ArrayList<>();
            for (int s = in.readCount(); s > 0; s--) {
                slots.add(slot(in, strings));
            }
            shares.add(new AgencyShare(slots));
        }
        in.end();
        return CaseState.restore(updatedAt, regions, destinations, agencies, shares);
    }

    private static TreeSet<String> refs(StateIn in, String[] strings) {
        TreeSet<String> named = new TreeSet<>();
        for (int r = in.readCount(); r > 0; r--) {
            named.add(ref(in, strings));
        }
        return named;
    }

    private static AgencyShare.Slot slot(StateIn in, String[] strings) {
        String eventId = ref(in, strings);
        Position earliest = position(in);
        int code = in.readByte();
        if (code == 0) {
            return new AgencyShare.Slot(eventId, earliest, null, List.of());
        }
        EventKind kind = kind(code);
        String region = nullableRef(in, strings);
        String destination = nullableRef(in, strings);
        String retracts = nullableRef(in, strings);
        long occurredOn = in.readVarLong();
        AgencyShare.Head head = new AgencyShare.Head(
                kind, region, destination, occurredOn == 0 ? null : LocalDate.ofEpochDay(occurredOn - 1), retracts);
        List<AgencyShare.Kept> kept = new ArrayList<>();
        for (int k = in.readCount(); k > 0; k--) {
            Position position = position(in);
            ContentDigest digest = new ContentDigest(in.readLong(), in.readLong());
            String refusal = nullableRef(in, strings);
            kept.add(
                    refusal == null
                            ? new AgencyShare.Kept(position, digest, null, 0)
                            : new AgencyShare.Kept(
                                    position, digest, refusal(refusal), position.reportedAt() + in.readVarLong()));
        }
        return new AgencyShare.Slot(eventId, earliest, head, kept);
    }

    private static Position position(StateIn in) {
        return new Position(in.readZigZag(), in.readInt(), in.readVarLong());
    }

    private static String ref(StateIn in, String[] strings) {
        return ref(in.readInt(), strings);
    }

    private static String nullableRef(StateIn in, String[] strings) {
        int index = in.readInt();
        return index == 0 ? null : ref(index - 1, strings);
    }

    private static String ref(int index, String[] strings) {
        if (index >= strings.length) {
            throw new SerializationException(
                    "a reference to string " + index + " of " + strings.length + " in " + WHAT);
        }
        return strings[index];
    }

    private static Refusal refusal(String name) {
        try {
            return Refusal.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("unknown refusal " + name + " in " + WHAT, e);
        }
    }

    private static byte code(EventKind kind) {
        return switch (kind) {
            case DEPORTATION_REPORTED -> 'D';
            case RETURN_CONFIRMED -> 'R';
            case REPORT_RETRACTED -> 'X';
        };
    }

    private static EventKind kind(int code) {
        return switch (code) {
            case 'D' -> EventKind.DEPORTATION_REPORTED;
            case 'R' -> EventKind.RETURN_CONFIRMED;
            case 'X' -> EventKind.REPORT_RETRACTED;
            default -> throw new SerializationException("unknown event kind code " + code + " in " + WHAT);
        };
    }
}
