package org.reunify.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.reunify.streams.rules.Position;

/**
 * A serde for a value of the topology's state stores: a version byte, then the value's fields in Java's data format.
 * Versioned, so that a later build can still restore the state an earlier one wrote.
 */
abstract class StateCodec<T> implements Serde<T> {

    private final String what;
    private final byte version;

    StateCodec(String what, int version) {
        this.what = what;
        this.version = (byte) version;
    }

    abstract void write(T value, DataOutputStream out) throws IOException;

    abstract T read(DataInputStream in) throws IOException;

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(version);
                write(value, out);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + what, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                byte found = in.readByte();
                if (found != version) {
                    throw new SerializationException(
                            what + " version " + found + " is not version " + version + ", which this build reads");
                }
                T value = read(in);
                if (in.available() > 0) {
                    throw new SerializationException(in.available() + " bytes after " + what);
                }
                return value;
            } catch (IOException e) {
                throw new SerializationException("cannot read " + what, e);
            }
        };
    }

    static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writePosition(DataOutputStream out, Position position) throws IOException {
        out.writeLong(position.reportedAt());
        out.writeInt(position.partition());
        out.writeLong(position.offset());
    }

    static Position readPosition(DataInputStream in) throws IOException {
        return new Position(in.readLong(), in.readInt(), in.readLong());
    }

    /**
     * A count read from the bytes; lists are not sized by it up front, so a corrupt count cannot make this allocate.
     */
    static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new SerializationException("a negative count");
        }
        return count;
    }
}
