package org.reunify.streams;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.reunify.schemas.Refusal;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.ContentDigest;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.Position;

/** One agency's share of a case in the agency-shares store and its changelog. */
final class AgencyShareSerde extends StateCodec<AgencyShare> {

    AgencyShareSerde() {
        super("an agency's share of a case", 1);
    }

    @Override
    void write(AgencyShare share, DataOutputStream out) throws IOException {
        out.writeInt(share.slots().size());
        for (AgencyShare.Slot slot : share.slots()) {
            out.writeUTF(slot.eventId());
            writePosition(out, slot.earliest());
            AgencyShare.Head head = slot.head();
            out.writeBoolean(head != null);
            if (head != null) {
                out.writeByte(code(head.kind()));
                writeNullable(out, head.region());
                writeNullable(out, head.destination());
                writeNullable(out, head.retracts());
            }
            out.writeInt(slot.kept().size());
            for (AgencyShare.Kept kept : slot.kept()) {
                writePosition(out, kept.position());
                out.writeLong(kept.digest().high());
                out.writeLong(kept.digest().low());
                writeNullable(
                        out, kept.refusal() == null ? null : kept.refusal().name());
            }
        }
    }

    @Override
    AgencyShare read(DataInputStream in) throws IOException {
        int slotCount = readCount(in);
        List<AgencyShare.Slot> slots = new ArrayList<>();
        for (int s = 0; s < slotCount; s++) {
            String eventId = in.readUTF();
            Position earliest = readPosition(in);
            AgencyShare.Head head = in.readBoolean()
                    ? new AgencyShare.Head(kind(in.readByte()), readNullable(in), readNullable(in), readNullable(in))
                    : null;
            int keptCount = readCount(in);
            List<AgencyShare.Kept> kept = new ArrayList<>();
            for (int k = 0; k < keptCount; k++) {
                Position position = readPosition(in);
                ContentDigest digest = new ContentDigest(in.readLong(), in.readLong());
                String refusal = readNullable(in);
                kept.add(new AgencyShare.Kept(position, digest, refusal == null ? null : Refusal.valueOf(refusal)));
            }
            slots.add(new AgencyShare.Slot(eventId, earliest, head, kept));
        }
        return new AgencyShare(slots);
    }

    static byte code(EventKind kind) {
        return switch (kind) {
            case DEPORTATION_REPORTED -> 'D';
            case RETURN_CONFIRMED -> 'R';
            case REPORT_RETRACTED -> 'X';
        };
    }

    static EventKind kind(byte code) {
        return switch (code) {
            case 'D' -> EventKind.DEPORTATION_REPORTED;
            case 'R' -> EventKind.RETURN_CONFIRMED;
            case 'X' -> EventKind.REPORT_RETRACTED;
            default -> throw new SerializationException("unknown event kind code " + code);
        };
    }
}
