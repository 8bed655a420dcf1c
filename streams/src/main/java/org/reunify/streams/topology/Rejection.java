package org.reunify.streams.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;

/**
 * A record as {@code reunification.rejected} holds it: the original key and bytes, untouched unless they are larger
 * than any event (then their first {@link Refusal#MAX_RECORD_PART_BYTES}, with the size and SHA-256 of the whole), and
 * headers that say why it was refused and where in the agency topics it lies. Only these headers: an agency's own
 * headers are never copied, so nothing it sends can pose as ours or make a refusal too large to write.
 */
record Rejection(byte[] key, byte[] value, Headers headers) {

    static Rejection of(Refusal.Refused refused, String topic, int partition, long offset, byte[] key, byte[] value) {
        Headers headers = new RecordHeaders();
        headers.add(Topics.REASON_HEADER, utf8(refused.reason()));
        headers.add(Topics.SOURCE_TOPIC_HEADER, utf8(topic));
        headers.add(Topics.SOURCE_PARTITION_HEADER, utf8(Integer.toString(partition)));
        headers.add(Topics.SOURCE_OFFSET_HEADER, utf8(Long.toString(offset)));
        return new Rejection(
                cut(key, headers, Topics.SOURCE_KEY_SIZE_HEADER, Topics.SOURCE_KEY_SHA256_HEADER),
                cut(value, headers, Topics.SOURCE_SIZE_HEADER, Topics.SOURCE_SHA256_HEADER),
                headers);
    }

    private static byte[] cut(byte[] part, Headers headers, String sizeHeader, String digestHeader) {
        if (part == null || part.length <= Refusal.MAX_RECORD_PART_BYTES) {
            return part;
        }
        headers.add(sizeHeader, utf8(Integer.toString(part.length)));
        headers.add(digestHeader, utf8(HexFormat.of().formatHex(sha256(part))));
        return Arrays.copyOf(part, Refusal.MAX_RECORD_PART_BYTES);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
