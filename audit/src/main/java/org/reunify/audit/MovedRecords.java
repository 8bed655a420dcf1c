package org.reunify.audit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records that lie on another partition than their case's group reads (a producer with another partitioner,
 * partitions added later), set aside in a temporary file per group until the group is folded, so that they take no
 * heap meanwhile.
 */
final class MovedRecords implements AutoCloseable {

    /** Where a moved record is folded. */
    interface Sink {
        void fold(String topic, int partition, long offset, byte[] key, byte[] value, long reportedAt);
    }

    private final Path dir;
    private final Map<Integer, DataOutputStream> files = new HashMap<>();

    MovedRecords() {
        try {
            dir = Files.createTempDirectory("reunify-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the replay", e);
        }
    }

    void add(int group, ConsumerRecord<byte[], byte[]> record) {
        try {
            DataOutputStream out = files.computeIfAbsent(group, this::open);
            out.writeUTF(record.topic());
            out.writeInt(record.partition());
            out.writeLong(record.offset());
            out.writeLong(record.timestamp());
            writeBytes(out, record.key());
            writeBytes(out, record.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set a record aside in " + dir, e);
        }
    }

    /** Ends the setting aside: every record is in its file. */
    void finishWriting() {
        try {
            for (DataOutputStream out : files.values()) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the records set aside in " + dir, e);
        }
    }

    /** Folds every record set aside for the group; after {@link #finishWriting}, from any thread. */
    void foldInto(int group, Sink sink) {
        if (!files.containsKey(group)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(group))))) {
            while (true) {
                String topic;
                try {
                    topic = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                int partition = in.readInt();
                long offset = in.readLong();
                long reportedAt = in.readLong();
                byte[] key = readBytes(in);
                sink.fold(topic, partition, offset, key, readBytes(in), reportedAt);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the records set aside in " + dir, e);
        }
    }

    private DataOutputStream open(int group) {
        try {
            return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(group)), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + dir, e);
        }
    }

    private Path file(int group) {
        return dir.resolve("group-" + group);
    }

    // A record may have no value (an agency's tombstone): screening refuses it, so it must arrive as it was.
    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public void close() {
        finishWriting();
        try {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
