package org.reunify.schemas;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A frozen version of the event schema as a client in another language needs it to write records the stream
 * accepts: the schema itself, its Parsing Canonical Form (what the fingerprint is computed over) and the
 * fingerprint as its eight bytes follow the {@code C3 01} marker on the wire.
 *
 * @param version 1 for the oldest frozen version
 */
public record WireSchema(int version, Schema schema) {

    /** Every frozen version, oldest first; the last is the one {@code reunify publish} writes. */
    public static List<WireSchema> all() {
        List<Schema> frozen = EventCodec.frozenSchemas();
        return IntStream.range(0, frozen.size())
                .mapToObj(index -> new WireSchema(index + 1, frozen.get(index)))
                .toList();
    }

    public static WireSchema current() {
        List<WireSchema> all = all();
        return all.get(all.size() - 1);
    }

    /** The schema as JSON, with its docs and logical types, as an {@code .avsc} file holds it. */
    public String avsc() {
        return schema.toString(true);
    }

    /** Avro's Parsing Canonical Form: no docs, no logical types, full names, fixed attribute order. */
    public String canonicalForm() {
        return SchemaNormalization.toParsingForm(schema);
    }

    /** The CRC-64-AVRO fingerprint in lowercase hex, its bytes in wire order (little-endian). */
    public String fingerprintHex() {
        byte[] wire = ByteBuffer.allocate(Long.BYTES)
                .order(LITTLE_ENDIAN)
                .putLong(EventCodec.fingerprint(schema))
                .array();
        return HexFormat.of().formatHex(wire);
    }
}
