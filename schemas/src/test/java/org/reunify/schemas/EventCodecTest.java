package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.avro.ReunificationEvent;

class EventCodecTest {

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
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
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
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ReunificationEvent.getClassSchema(), frozen).getType())
                    .as("current schema reads %s", frozen.getFullName())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            BinaryMessageEncoder<Object> writer = new BinaryMessageEncoder<>(GenericData.get(), frozen);
            for (Object record : new RandomData(GenericData.get(), frozen, 200, 42L)) {
                ReunificationEvent read = EventCodec.decode(encode(writer, record));
                assertThat(read.getEventId()).isEqualTo(((GenericData.Record) record).get("eventId").toString());
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

    private static byte[] encode(BinaryMessageEncoder<Object> writer, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.encode(record, out);
        return out.toByteArray();
    }
}
