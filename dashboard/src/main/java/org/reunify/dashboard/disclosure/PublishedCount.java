package org.reunify.dashboard.disclosure;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One count as a public output shows it: exactly, as {@code "<K"} (1 to K−1), as {@code ">=K"}, or withheld
 * ({@code null}) when no figure of its table can be published without giving a small count away.
 *
 * @param value the count when {@link Kind#EXACT}, otherwise K (0 when withheld)
 */
public record PublishedCount(Kind kind, long value) {

    /** What a reader can tell from the text of a count. */
    public enum Kind {
        EXACT,
        BELOW,
        AT_LEAST,
        WITHHELD
    }

    /** An upper bound that no count reaches: a reader of {@code ">=K"} knows no more than that. */
    public static final long UNBOUNDED = Long.MAX_VALUE / 4;

    public static PublishedCount exact(long count) {
        return new PublishedCount(Kind.EXACT, count);
    }

    public static PublishedCount below(int k) {
        return new PublishedCount(Kind.BELOW, k);
    }

    public static PublishedCount atLeast(int k) {
        return new PublishedCount(Kind.AT_LEAST, k);
    }

    public static PublishedCount withheld() {
        return new PublishedCount(Kind.WITHHELD, 0);
    }

    /** Shown as something other than the count itself. */
    public boolean hidden() {
        return kind != Kind.EXACT;
    }

    /** The least count a reader of this text must allow for; zero is always shown, so {@code "<K"} is at least 1. */
    public long lower() {
        return switch (kind) {
            case EXACT, AT_LEAST -> value;
            case BELOW -> 1;
            case WITHHELD -> 0;
        };
    }

    /** The greatest count a reader of this text must allow for. */
    public long upper() {
        return switch (kind) {
            case EXACT -> value;
            case BELOW -> value - 1;
            case AT_LEAST, WITHHELD -> UNBOUNDED;
        };
    }

    /** As a CSV cell: the count, {@code <K}, {@code >=K}, or empty when withheld. */
    public String text() {
        return switch (kind) {
            case EXACT -> Long.toString(value);
            case BELOW -> "<" + value;
            case AT_LEAST -> ">=" + value;
            case WITHHELD -> "";
        };
    }

    /** As a JSON field: a number when exact, a string when hidden, null when withheld. */
    void putInto(ObjectNode node, String field) {
        switch (kind) {
            case EXACT -> node.put(field, value);
            case WITHHELD -> node.putNull(field);
            default -> node.put(field, text());
        }
    }
}
