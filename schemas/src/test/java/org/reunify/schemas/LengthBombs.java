package org.reunify.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * For every length-prefixed value a schema can hold (string, bytes, array, map, in every union branch), an Avro body
 * that is valid up to that value and then declares it {@code length} long, with nothing after the length. Values
 * before it take their shortest encoding; a union is entered through the branch that holds the value.
 */
final class LengthBombs {

    private final long length;
    private final Map<String, byte[]> bombs = new LinkedHashMap<>();

    private LengthBombs(long length) {
        this.length = length;
    }

    /** Bodies by the path of the value they inflate, e.g. {@code body[DeportationReported].destination[string]}. */
    static Map<String, byte[]> of(Schema schema, long length) {
        LengthBombs found = new LengthBombs(length);
        found.visit(schema, "", new byte[0]);
        return found.bombs;
    }

    private void visit(Schema schema, String path, byte[] prefix) {
        switch (schema.getType()) {
            case RECORD -> {
                byte[] before = prefix;
                for (Schema.Field field : schema.getFields()) {
                    visit(field.schema(), path.isEmpty() ? field.name() : path + "." + field.name(), before);
                    before = concat(before, shortest(field.schema()));
                }
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                for (int index = 0; index < branches.size(); index++) {
                    visit(
                            branches.get(index),
                            path + "[" + branches.get(index).getName() + "]",
                            concat(prefix, varint(index)));
                }
            }
            case STRING, BYTES -> bombs.put(path, concat(prefix, varint(length)));
            case ARRAY -> {
                bombs.put(path, concat(prefix, varint(length)));
                visit(schema.getElementType(), path + "[]", concat(prefix, varint(1)));
            }
            case MAP -> {
                bombs.put(path, concat(prefix, varint(length)));
                bombs.put(path + "{key}", concat(prefix, varint(1), varint(length)));
                visit(schema.getValueType(), path + "{}", concat(prefix, varint(1), varint(0)));
            }
            default -> {
                // a fixed-size value declares no length
            }
        }
    }

    /**
     * The shortest valid encoding of a value of {@code schema}: zeros, empty strings and collections, union branch 0.
     */
    private static byte[] shortest(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> new byte[0];
            case BOOLEAN, INT, LONG, ENUM, STRING, BYTES, ARRAY, MAP -> new byte[1];
            case FLOAT -> new byte[Float.BYTES];
            case DOUBLE -> new byte[Double.BYTES];
            case FIXED -> new byte[schema.getFixedSize()];
            case UNION -> concat(new byte[1], shortest(schema.getTypes().get(0)));
            case RECORD ->
                schema.getFields().stream()
                        .map(field -> shortest(field.schema()))
                        .reduce(new byte[0], LengthBombs::concat);
        };
    }

    /** Avro's zig-zag variable-length encoding of a long, as every length, count and union index is written. */
    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            encoder.writeLong(value);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
