package org.reunify.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code reunify replay --receipts}: the receipts on {@code reunification.receipts}, oldest first, one agency's or all,
 * as a table for people or as JSON Lines (each receipt as it was written).
 */
public final class ReceiptTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-38s %-24s %-12s %-18s %-15s %-5s %3s %8s %9s %7s %8s  %s%n";

    private ReceiptTable() {}

    /**
     * @param agency the agency whose receipts to list; null for every agency's
     * @return how many were listed
     */
    public static int print(Map<String, Object> clientConfig, String agency, boolean json, PrintWriter out) {
        List<JsonNode> receipts = new ArrayList<>();
        ReceiptLog.readAll(clientConfig, (offset, text) -> {
            try {
                JsonNode receipt = JSON.readTree(text);
                if (agency == null || agency.equals(receipt.path("agency").asText())) {
                    receipts.add(receipt);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the record at offset " + offset + " is no receipt", e);
            }
        });
        if (json) {
            receipts.forEach(out::println);
        } else {
            out.printf(
                    ROW,
                    "UPLOAD",
                    "RECEIVED (UTC)",
                    "AGENCY",
                    "LOGIN",
                    "CLIENT",
                    "FMT",
                    "DRY",
                    "READ",
                    "PUBLISHED",
                    "ALREADY",
                    "REFUSED",
                    "STATUS");
            for (JsonNode receipt : receipts) {
                JsonNode lines = receipt.path("lines");
                out.printf(
                        ROW,
                        receipt.path("uploadId").asText(),
                        receipt.path("receivedAt").asText(),
                        receipt.path("agency").asText(),
                        receipt.path("login").isNull()
                                ? "-"
                                : receipt.path("login").asText(),
                        receipt.path("client").asText(),
                        receipt.path("format").asText(),
                        receipt.path("dryRun").asBoolean() ? "yes" : "no",
                        lines.path("read").asLong(),
                        lines.path("published").asLong(),
                        lines.path("alreadyPublished").asLong(),
                        lines.path("refused").asLong(),
                        receipt.path("status").asText());
            }
        }
        out.flush();
        return receipts.size();
    }
}
