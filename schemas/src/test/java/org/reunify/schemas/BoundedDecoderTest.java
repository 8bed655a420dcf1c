package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reunify.schemas.LengthBombs.concat;
import static org.reunify.schemas.LengthBombs.varint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.BoundedDecoder.CorruptBodyException;
import org.reunify.testkit.Allocation;

class BoundedDecoderTest {

    /** Every kind of value Avro encodes, so that the decoder is tested beyond what today's event schemas use. */
    private static final Schema EVERYTHING = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "fields": [
              {"name": "flag", "type": "boolean"},
              {"name": "count", "type": "int"},
              {"name": "total", "type": "long"},
              {"name": "ratio", "type": "float"},
              {"name": "share", "type": "double"},
              {"name": "label", "type": "string"},
              {"name": "blob", "type": "bytes"},
              {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 4}},
              {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "scores", "type": {"type": "map", "values": "long"}},
              {"name": "choice", "type": ["null", "string", "bytes", {"type": "array", "items": "int"}]}
            ]}""");
    /** Reads only the first field, so that the decoder skips all the others. */
    private static final Schema FLAG_ONLY = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "fields": [{"name": "flag", "type": "boolean"}]}""");

    private static final long ONE_MIB = 1L << 20;

    @Test
    void decodesWhatAvroEncodesWhetherCollectionsAreWrittenInCountedOrSizedBlocks() throws IOException {
        EncoderFactory encoders = new EncoderFactory().configureBlockSize(64);
        for (Object record : new RandomData(EVERYTHING, 300, 7L)) {
            for (boolean sizedBlocks : new boolean[] {false, true}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BinaryEncoder encoder =
                        sizedBlocks ? encoders.blockingBinaryEncoder(out, null) : encoders.binaryEncoder(out, null);
                new GenericDatumWriter<>(EVERYTHING).write(record, encoder);
                encoder.flush();
                BoundedDecoder in = new BoundedDecoder(out.toByteArray(), 0);

                assertThat(new GenericDatumReader<>(EVERYTHING).read(null, in)).isEqualTo(record);
                assertThat(in.remainingBytes()).isZero();
            }
        }
    }

    @Test
    void everyProperPrefixOfABodyIsRefusedWhetherItsValuesAreReadOrSkipped() throws IOException {
        for (Object record : new RandomData(EVERYTHING, 20, 11L)) {
            byte[] body = encode(record);
            for (int length = 0; length < body.length; length++) {
                byte[] prefix = Arrays.copyOf(body, length);
                for (Schema reader : List.of(EVERYTHING, FLAG_ONLY)) {
                    assertThatThrownBy(() -> read(EVERYTHING, reader, prefix)).isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void aLengthOrCountBeyondTheBytesPresentIsRefusedWithoutAllocatingItWhetherReadOrSkipped() {
        Map<String, byte[]> bombs = LengthBombs.of(EVERYTHING, Integer.MAX_VALUE - 8);

        assertThat(bombs)
                .containsKeys(
                        "label",
                        "blob",
                        "tags",
                        "tags[]",
                        "scores",
                        "scores{key}",
                        "choice[string]",
                        "choice[bytes]",
                        "choice[array]");
        bombs.forEach((path, body) -> {
            for (Schema reader : List.of(EVERYTHING, FLAG_ONLY)) {
                Allocation decoding = Allocation.of(() -> read(EVERYTHING, reader, body));

                assertThat(decoding.thrown()).as(path).isInstanceOf(IOException.class);
                assertThat(decoding.bytes())
                        .as("bytes allocated refusing %s", path)
                        .isLessThan(ONE_MIB);
            }
        });
    }

    @Test
    void aBlockWhoseSizeInBytesExceedsTheBytesPresentIsRefused() {
        byte[] body = concat(varint(-1), varint(Integer.MAX_VALUE), varint(7));
        Schema longs = Schema.createArray(Schema.create(Schema.Type.LONG));

        assertThatThrownBy(() -> read(longs, longs, body))
                .isInstanceOf(CorruptBodyException.class)
                .hasMessage("a block of 2147483647 bytes where 1 remain");
    }

    @Test
    void itemsThatTakeNoBytesCannotOutnumberTheBytesOfTheBody() throws IOException {
        Schema nulls = Schema.createArray(Schema.create(Schema.Type.NULL));

        assertThat(read(nulls, nulls, concat(varint(2), varint(0)))).asList().hasSize(2);
        assertThatThrownBy(() -> read(nulls, nulls, concat(varint(1_000_000_000), varint(0))))
                .isInstanceOf(CorruptBodyException.class)
                .hasMessage("a block of 1000000000 items where the body has room for 6 more");
    }

    @Test
    void aNumberEncodedInMoreBytesThanItsTypeAllowsIsRefused() {
        byte[] sixBytes = continuedThenEnded(6);
        byte[] elevenBytes = continuedThenEnded(11);

        assertThatThrownBy(() -> new BoundedDecoder(sixBytes, 0).readInt())
                .hasMessage("an int encoded in more than 5 bytes");
        assertThatThrownBy(() -> new BoundedDecoder(elevenBytes, 0).readLong())
                .hasMessage("a long encoded in more than 10 bytes");
    }

    /** A variable-length number of {@code length} bytes: each but the last says another follows. */
    private static byte[] continuedThenEnded(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, 0, length - 1, (byte) 0x80);
        bytes[length - 1] = 0x01;
        return bytes;
    }

    private static Object read(Schema writer, Schema reader, byte[] body) throws IOException {
        return new GenericDatumReader<>(writer, reader).read(null, new BoundedDecoder(body, 0));
    }

    private static byte[] encode(Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(EVERYTHING).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
