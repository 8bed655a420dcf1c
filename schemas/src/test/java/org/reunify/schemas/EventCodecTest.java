package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.RandomData;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.testkit.Allocation;

class EventCodecTest {

    /** "About 2^31", as a 15-byte length bomb declares: more than the test JVM's heap. */
    private static final long ABOUT_2_GIB = Integer.MAX_VALUE - 8;

    private static final long HUNDRED_MIB = 100L << 20;
    private static final long ONE_MIB = 1L << 20;

    private final EventFactory agency = new EventFactory("nib", "test/1");

    @Test
    void anEventSurvivesTheRoundTrip() throws Exception {
        ReunificationEvent event = agency.deportation("e-1", "c-7f3a", "UA-14", LocalDate.of(2022, 5, 1), "RU");

        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void theEncodingIsSingleObjectWithTheCurrentFingerprint() {
        byte[] bytes = EventCodec.encode(agency.returned("e-2", "c-1", "UA-09", LocalDate.of(2025, 12, 1)));

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint =
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(EventCodec.fingerprint(ReunificationEvent.getClassSchema()));
    }

    @Test
    void theCurrentSchemaIsFrozen() {
        List<Schema> frozen = EventCodec.frozenSchemas();

        assertThat(EventCodec.fingerprint(frozen.get(frozen.size() - 1)))
                .as("the newest file under history/ must be the current schema: freeze every version you publish")
                .isEqualTo(EventCodec.fingerprint(ReunificationEvent.getClassSchema()));
    }

    @Test
    void everyFrozenVersionIsReadableByTheCurrentSchema() throws Exception {
        for (Schema frozen : EventCodec.frozenSchemas()) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ReunificationEvent.getClassSchema(), frozen)
                            .getType())
                    .as("current schema reads %s", frozen.getFullName())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            BinaryMessageEncoder<Object> writer = new BinaryMessageEncoder<>(GenericData.get(), frozen);
            for (Object record : new RandomData(GenericData.get(), frozen, 200, 42L)) {
                ReunificationEvent read = EventCodec.decode(encode(writer, record));
                assertThat(read.getEventId())
                        .isEqualTo(((GenericData.Record) record).get("eventId").toString());
            }
        }
    }

    @Test
    void bytesThatAreNotSingleObjectEncodedAreUndecodable() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"DEPORTATION_REPORTED\"}".getBytes()))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("UNDECODABLE: not Avro single-object encoding");
    }

    @Test
    void anUnknownFingerprintIsAnUnknownSchema() {
        byte[] bytes = EventCodec.encode(agency.retraction("e-3", "c-1", "e-1", "entered twice"));
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> EventCodec.decode(bytes))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("UNKNOWN_SCHEMA");
    }

    @Test
    void aTruncatedBodyIsUndecodable() {
        byte[] bytes = EventCodec.encode(agency.deportation("e-1", "c-7f3a", "UA-14", LocalDate.of(2022, 5, 1), null));

        for (int length = 10; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> EventCodec.decode(truncated))
                    .isInstanceOf(UndecodableEventException.class)
                    .hasMessageStartingWith("UNDECODABLE");
        }
    }

    @Test
    void trailingBytesAfterTheBodyAreUndecodable() {
        byte[] bytes = EventCodec.encode(agency.deportation("e-1", "c-7f3a", "UA-14", LocalDate.of(2022, 5, 1), null));
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> EventCodec.decode(padded))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessage("UNDECODABLE: 3 bytes after the Avro body");
    }

    @Test
    void anEmptyValueIsUndecodable() {
        assertThatThrownBy(() -> EventCodec.decode(new byte[0])).hasMessage("UNDECODABLE: empty value");
        assertThatThrownBy(() -> EventCodec.decode(null)).hasMessage("UNDECODABLE: empty value");
    }

    @Test
    void theIssuesFifteenByteLengthBombIsUndecodableWithoutAllocatingTheLength() {
        byte[] bomb = LengthBombs.concat(header(ReunificationEvent.getClassSchema()), LengthBombs.varint(ABOUT_2_GIB));

        assertThat(bomb).hasSize(15);
        assertRefusedCheaply("a 2 GiB agency", bomb)
                .hasMessage("UNDECODABLE: a string of 2147483639 bytes where 0 remain");
    }

    @Test
    void aLengthBombInEachStringOfTheCurrentSchemaIsUndecodableWithoutAllocatingTheLength() {
        Schema current = ReunificationEvent.getClassSchema();
        Map<String, byte[]> bombs = LengthBombs.of(current, ABOUT_2_GIB);

        assertThat(bombs)
                .containsOnlyKeys(
                        "agency",
                        "eventId",
                        "caseId",
                        "publisher",
                        "body[DeportationReported].region",
                        "body[DeportationReported].destination[string]",
                        "body[ReturnConfirmed].region",
                        "body[ReportRetracted].retracts",
                        "body[ReportRetracted].reason");
        bombs.forEach((path, body) -> assertRefusedCheaply(path, LengthBombs.concat(header(current), body)));
    }

    @Test
    void aLengthBombOfAnySizeInAnyFrozenVersionIsUndecodableWithoutAllocatingTheLength() {
        List<Schema> frozen = EventCodec.frozenSchemas();
        for (int version = 1; version <= frozen.size(); version++) {
            Schema writer = frozen.get(version - 1);
            for (long length : new long[] {HUNDRED_MIB, ABOUT_2_GIB, Long.MAX_VALUE}) {
                String where = " of %d bytes in v%d".formatted(length, version);
                LengthBombs.of(writer, length)
                        .forEach((path, body) ->
                                assertRefusedCheaply(path + where, LengthBombs.concat(header(writer), body)));
            }
        }
    }

    @Test
    void aNegativeLengthIsUndecodable() {
        byte[] bytes = LengthBombs.concat(header(ReunificationEvent.getClassSchema()), LengthBombs.varint(-1));

        assertRefusedCheaply("a negative agency", bytes).hasMessage("UNDECODABLE: a string of negative length -1");
    }

    @Test
    void aUnionIndexOutOfRangeIsUndecodable() {
        byte[] header = header(ReunificationEvent.getClassSchema());
        byte[] emptyEnvelope = new byte[4];
        byte[] emptyDeportation =
                LengthBombs.concat(LengthBombs.varint(0), LengthBombs.varint(0), LengthBombs.varint(0));

        for (long index : new long[] {3, Integer.MAX_VALUE, Long.MAX_VALUE, -1}) {
            assertRefusedCheaply(
                    "body branch " + index, LengthBombs.concat(header, emptyEnvelope, LengthBombs.varint(index)));
            assertRefusedCheaply(
                    "destination branch " + index,
                    LengthBombs.concat(header, emptyEnvelope, emptyDeportation, LengthBombs.varint(index)));
        }
    }

    /** Refused as UNDECODABLE, allocating less than a mebibyte. */
    private AbstractThrowableAssert<?, ?> assertRefusedCheaply(String what, byte[] bytes) {
        decodeOneValidEvent();
        Allocation decoding = Allocation.of(() -> EventCodec.decode(bytes));

        assertThat(decoding.bytes()).as("bytes allocated refusing %s", what).isLessThan(ONE_MIB);
        return assertThat(decoding.thrown())
                .as(what)
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("UNDECODABLE: ");
    }

    /** So that what is measured is the refusal, not loading the codec (as on the stream's path, where it is loaded). */
    private void decodeOneValidEvent() {
        ReunificationEvent event = agency.deportation("e-1", "c-7f3a", "UA-14", LocalDate.of(2022, 5, 1), "RU");
        try {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        } catch (UndecodableEventException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] header(Schema writer) {
        return ByteBuffer.allocate(10)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(EventCodec.fingerprint(writer))
                .array();
    }

    private static byte[] encode(BinaryMessageEncoder<Object> writer, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.encode(record, out);
        return out.toByteArray();
    }
}
