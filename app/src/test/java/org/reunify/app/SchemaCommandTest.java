package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.UndecodableEventException;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReunificationEvent;
import picocli.CommandLine;

/**
 * {@code reunify schema} gives a client in another language all it needs to write records the stream accepts: the
 * bytes it builds from the printed schema and fingerprint alone decode as the stream decodes them.
 */
class SchemaCommandTest {

    @Test
    void aRecordWrittenFromThePrintedSchemaAndFingerprintIsAccepted() throws Exception {
        Schema schema = new Schema.Parser().parse(run("schema", "--format", "avsc"));
        byte[] fingerprint =
                HexFormat.of().parseHex(run("schema", "--format", "fingerprint").strip());

        ReunificationEvent event = EventCodec.decode(singleObject(fingerprint, deportation(schema)));

        assertThat(event.getEventId()).isEqualTo("e-1001");
        assertThat(event.getBody()).isInstanceOf(DeportationReported.class);
        assertThat(((DeportationReported) event.getBody()).getDestination()).isEqualTo("RU");
    }

    @Test
    void theFingerprintIsTheCrc64AvroOfThePrintedCanonicalForm() {
        String canonical = run("schema", "--format", "canonical").strip();

        assertThat(canonical).doesNotContain("\"doc\"", "logicalType").contains("\"type\":\"int\"");
        assertThat(run("schema", "--format", "fingerprint").strip()).isEqualTo(crc64Avro(canonical));
    }

    @Test
    void aFingerprintOverAWronglyCanonicalizedSchemaIsRefusedAsAnUnknownSchema() throws Exception {
        // Python's avro 1.11 keeps {"type":"int"} where the specification writes "int" for a logical type.
        String pythonAvro111 = run("schema", "--format", "canonical").strip().replace("\"int\"", "{\"type\":\"int\"}");
        Schema schema = new Schema.Parser().parse(run("schema", "--format", "avsc"));

        byte[] record = singleObject(HexFormat.of().parseHex(crc64Avro(pythonAvro111)), deportation(schema));

        assertThatThrownBy(() -> EventCodec.decode(record))
                .isInstanceOfSatisfying(
                        UndecodableEventException.class,
                        refused -> assertThat(refused.reason()).startsWith(Refusal.UNKNOWN_SCHEMA.name()));
    }

    @Test
    void allListsEveryFrozenVersionWithTheCurrentOneLast() {
        String[] versions =
                run("schema", "--format", "fingerprint", "--all").strip().split("\n");

        assertThat(versions).hasSize(EventCodec.frozenSchemas().size());
        assertThat(versions[versions.length - 1])
                .isEqualTo(versions.length + " "
                        + run("schema", "--format", "fingerprint").strip());
    }

    @Test
    void allAsAvscIsAJsonArrayOfTheSchemas() {
        String all = run("schema", "--all");

        assertThat(all).startsWith("[").contains("\"name\" : \"ReunificationEvent\"");
        assertThat(new Schema.Parser().parse(run("schema")).getFullName())
                .isEqualTo(ReunificationEvent.getClassSchema().getFullName());
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = Reunify.commandLine().setOut(new PrintWriter(out, true));
        assertThat(command.execute(args)).isZero();
        return out.toString();
    }

    /** As a client in another language writes it: the union branch by its index, the date as days since 1970. */
    private static GenericRecord deportation(Schema schema) {
        Schema body = schema.getField("body").schema().getTypes().get(0);
        GenericRecord report = new GenericData.Record(body);
        report.put("region", "UA-14");
        report.put("occurredOn", (int) LocalDate.of(2022, 5, 1).toEpochDay());
        report.put("destination", "RU");
        GenericRecord event = new GenericData.Record(schema);
        event.put("agency", "nib");
        event.put("eventId", "e-1001");
        event.put("caseId", "c-7f3a");
        event.put("publisher", "another-language/1");
        event.put("body", report);
        return event;
    }

    private static byte[] singleObject(byte[] fingerprint, GenericRecord event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, 0x01});
        out.write(fingerprint);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(event.getSchema()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** CRC-64-AVRO as the Avro specification writes it out, independent of Avro's own implementation. */
    private static String crc64Avro(String canonicalForm) {
        long empty = 0xc15d213aa4d7a795L;
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            long fp = i;
            for (int j = 0; j < 8; j++) {
                fp = (fp >>> 1) ^ (empty & -(fp & 1L));
            }
            table[i] = fp;
        }
        long fp = empty;
        for (byte b : canonicalForm.getBytes(StandardCharsets.UTF_8)) {
            fp = (fp >>> 8) ^ table[(int) (fp ^ b) & 0xff];
        }
        byte[] wire = new byte[8];
        for (int i = 0; i < 8; i++) {
            wire[i] = (byte) (fp >>> (8 * i));
        }
        return HexFormat.of().formatHex(wire);
    }
}
