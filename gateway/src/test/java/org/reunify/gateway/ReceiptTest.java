package org.reunify.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.reunify.producers.InputFormat;
import org.reunify.schemas.Refusal;

class ReceiptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upload UPLOAD = new Upload(
            Upload.newId(),
            "nib",
            "agency-nib",
            "127.0.0.1",
            InputFormat.csv,
            false,
            false,
            Upload.Atomic.ALL,
            null,
            null);

    @Test
    void aMillionRefusedLinesMakeAReceiptThatListsTheFirstFewAndCountsTheRestByCode() throws Exception {
        Receipt receipt = new Receipt(UPLOAD, Instant.EPOCH, 1_000);
        for (int line = 1; line <= 1_000_000; line++) {
            receipt.refuse(line, Refusal.INVALID_EVENT.because("x".repeat(1_000)));
        }

        Receipt.Outcome outcome = receipt.close(1_000_000, 0, 0, 0, false);
        JsonNode json = JSON.readTree(receipt.toJson());

        assertThat(outcome.httpStatus).isEqualTo(422);
        assertThat(json.path("refused")).hasSize(1_000);
        assertThat(json.path("refusedNotListed").asLong()).isEqualTo(999_000);
        assertThat(json.path("refusedByCode").path("INVALID_EVENT").asLong()).isEqualTo(1_000_000);
        assertThat(receipt.toJson().length()).as("characters of the receipt").isLessThan(512 * 1024);
    }

    @Test
    void noFailedLineHidesBehindA200() {
        Receipt refused = new Receipt(UPLOAD, Instant.EPOCH, 10);
        refused.refuse(3, Refusal.OVERSIZED.because("line is 70000 bytes long"));
        Receipt unacknowledged = new Receipt(UPLOAD, Instant.EPOCH, 10);
        unacknowledged.fail(2, "the broker did not take it");

        assertThat(refused.close(5, 4, 4, 0, false).httpStatus).isEqualTo(422);
        assertThat(unacknowledged.close(5, 5, 4, 0, false).httpStatus).isEqualTo(502);
        assertThat(new Receipt(UPLOAD, Instant.EPOCH, 10).close(5, 5, 3, 2, false).httpStatus)
                .isEqualTo(200);
    }

    @Test
    void aReceiptNamesTheUploadAndItsFileButHoldsNoLineOfIt() throws Exception {
        Receipt receipt = new Receipt(UPLOAD, Instant.parse("2025-12-03T12:00:00Z"), 10);
        receipt.body(120, "ab".repeat(32));
        receipt.close(1, 1, 1, 0, false);

        JsonNode json = JSON.readTree(receipt.toJson());

        assertThat(json.path("login").asText()).isEqualTo("agency-nib");
        assertThat(json.path("client").asText()).isEqualTo("127.0.0.1");
        assertThat(json.path("sha256").asText()).hasSize(64);
        assertThat(json.path("receivedAt").asText()).isEqualTo("2025-12-03T12:00:00Z");
        assertThat(json.path("status").asText()).isEqualTo("published");
    }
}
