package org.reunify.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

    @Test
    void theDigestIsTheSha256OfTheLengthPrefixedFieldsInUtf8WhateverTheirAlphabetAndLength() throws Exception {
        List<CaseEvent> events = List.of(
                new CaseEvent(
                        new EventRef("nib", "e-1"),
                        "c-7f3a",
                        EventKind.DEPORTATION_REPORTED,
                        "UA-14",
                        LocalDate.of(2022, 5, 1),
                        "RU",
                        null,
                        null),
                retraction("по помилці"),
                retraction("x".repeat(251)),
                retraction("x".repeat(252)),
                retraction("ї".repeat(5_000)),
                retraction(""));

        for (CaseEvent event : events) {
            assertThat(event.digest())
                    .as(
                            "%s with a reason of %d characters",
                            event.kind(),
                            event.reason() == null ? 0 : event.reason().length())
                    .isEqualTo(reference(event));
        }
    }

    @Test
    void anEmptyFieldIsNotAMissingOne() {
        assertThat(retraction("").digest()).isNotEqualTo(retraction(null).digest());
    }

    private static CaseEvent retraction(String reason) {
        return new CaseEvent(
                new EventRef("nib", "x-1"), "c-7f3a", EventKind.REPORT_RETRACTED, null, null, null, "e-1", reason);
    }

    /** The digest as its definition reads, field by field. */
    private static ContentDigest reference(CaseEvent event) throws IOException, NoSuchAlgorithmException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String field : Arrays.asList(
                event.ref().agency(),
                event.ref().eventId(),
                event.caseId(),
                event.kind().name(),
                event.region(),
                event.occurredOn() == null ? null : event.occurredOn().toString(),
                event.destination(),
                event.retracts(),
                event.reason())) {
            if (field == null) {
                out.writeByte(0);
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeByte(1);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        return new ContentDigest(hash.getLong(), hash.getLong());
    }
}
