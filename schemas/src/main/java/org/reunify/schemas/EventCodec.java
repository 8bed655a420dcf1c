package org.reunify.schemas;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.ClassSecurityValidator;
import org.reunify.schemas.BoundedDecoder.CorruptBodyException;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * Avro single-object encoding of events: a two-byte marker, the writer schema's CRC-64-AVRO fingerprint, then
 * the binary body. Records written with any frozen schema version stay readable; bytes naming any other
 * fingerprint are refused rather than guessed at. Decoding allocates no more than the bytes present allow (see
 * {@link BoundedDecoder}), so a record cannot exhaust the memory of the JVM that reads it.
 */
public final class EventCodec {

    private static final String HISTORY = "history/ReunificationEvent-v%d.avsc";

    static {
        // Avro 1.12 resolves generated classes by name only from packages it is told to trust.
        String generated = ReunificationEvent.class.getPackageName();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                type -> type.getPackageName().equals(generated)));
    }

    private static final byte[] MARKER = {(byte) 0xC3, 0x01};
    private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

    private static final List<Schema> FROZEN = loadFrozenSchemas();
    private static final BinaryMessageEncoder<ReunificationEvent> ENCODER = ReunificationEvent.getEncoder();
    /** A reader per frozen writer schema, by fingerprint, each resolving to the current schema. */
    private static final Map<Long, DatumReader<ReunificationEvent>> READERS = frozenReaders();

    private EventCodec() {}

    public static byte[] encode(ReunificationEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            ENCODER.encode(event, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReunificationEvent decode(byte[] bytes) throws UndecodableEventException {
        if (bytes == null || bytes.length == 0) {
            throw new UndecodableEventException(Refusal.UNDECODABLE.because("empty value"), null);
        }
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new UndecodableEventException(Refusal.UNDECODABLE.because("not Avro single-object encoding"), null);
        }
        DatumReader<ReunificationEvent> reader = READERS.get(writerFingerprint(bytes));
        if (reader == null) {
            throw new UndecodableEventException(
                    Refusal.UNKNOWN_SCHEMA.because("the writer schema is not a frozen version of ReunificationEvent"),
                    null);
        }
        BoundedDecoder in = new BoundedDecoder(bytes, HEADER_LENGTH);
        ReunificationEvent event;
        try {
            event = reader.read(null, in);
        } catch (CorruptBodyException e) {
            throw new UndecodableEventException(Refusal.UNDECODABLE.because(e.getMessage()), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableEventException(Refusal.UNDECODABLE.because("corrupt Avro body"), e);
        }
        if (in.remainingBytes() > 0) {
            throw new UndecodableEventException(
                    Refusal.UNDECODABLE.because(in.remainingBytes() + " bytes after the Avro body"), null);
        }
        return event;
    }

    private static long writerFingerprint(byte[] bytes) {
        return ByteBuffer.wrap(bytes, MARKER.length, Long.BYTES)
                .order(LITTLE_ENDIAN)
                .getLong();
    }

    /** Every schema version ever published, oldest first; the last is the current schema. */
    public static List<Schema> frozenSchemas() {
        return FROZEN;
    }

    /** The CRC-64-AVRO fingerprint single-object encoding puts in front of every record. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static Map<Long, DatumReader<ReunificationEvent>> frozenReaders() {
        SpecificData model = SpecificData.getForClass(ReunificationEvent.class);
        return FROZEN.stream()
                .collect(Collectors.toUnmodifiableMap(
                        EventCodec::fingerprint,
                        writer -> new SpecificDatumReader<>(writer, ReunificationEvent.getClassSchema(), model)));
    }

    private static List<Schema> loadFrozenSchemas() {
        List<Schema> schemas = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = EventCodec.class.getResourceAsStream(String.format(HISTORY, version))) {
                if (in == null) {
                    break;
                }
                schemas.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (schemas.isEmpty()) {
            throw new IllegalStateException("no frozen event schema under " + HISTORY);
        }
        return Collections.unmodifiableList(schemas);
    }
}
