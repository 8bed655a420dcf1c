package org.reunify.schemas;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.util.ClassSecurityValidator;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * Avro single-object encoding of events: a two-byte marker, the writer schema's CRC-64-AVRO fingerprint, then
 * the binary body. Records written with any frozen schema version stay readable; bytes naming any other
 * fingerprint are refused rather than guessed at.
 */
public final class EventCodec {

    private static final String HISTORY = "history/ReunificationEvent-v%d.avsc";

    static {
        // Avro 1.12 resolves generated classes by name only from packages it is told to trust.
        String generated = ReunificationEvent.class.getPackageName();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> type.getPackageName().equals(generated)));
    }

    private static final List<Schema> FROZEN = loadFrozenSchemas();
    private static final BinaryMessageEncoder<ReunificationEvent> ENCODER = ReunificationEvent.getEncoder();
    private static final BinaryMessageDecoder<ReunificationEvent> DECODER = ReunificationEvent.createDecoder(frozenStore());

    private EventCodec() {
    }

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
        InputStream in = new ByteArrayInputStream(bytes);
        ReunificationEvent event;
        try {
            event = DECODER.decode(in, null);
        } catch (MissingSchemaException e) {
            throw new UndecodableEventException(Refusal.UNKNOWN_SCHEMA.because("the writer schema is not a frozen version of ReunificationEvent"), e);
        } catch (BadHeaderException e) {
            throw new UndecodableEventException(Refusal.UNDECODABLE.because("not Avro single-object encoding"), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new UndecodableEventException(Refusal.UNDECODABLE.because("truncated or corrupt Avro body"), e);
        }
        try {
            if (in.available() > 0) {
                throw new UndecodableEventException(Refusal.UNDECODABLE.because(in.available() + " bytes after the Avro body"), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return event;
    }

    /** Every schema version ever published, oldest first; the last is the current schema. */
    public static List<Schema> frozenSchemas() {
        return FROZEN;
    }

    /** The CRC-64-AVRO fingerprint single-object encoding puts in front of every record. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static SchemaStore frozenStore() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        FROZEN.forEach(store::addSchema);
        return store;
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
