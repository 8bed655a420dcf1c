package org.reunify.producers;

import java.util.Locale;

/**
 * The two forms in which an agency hands over its events: both are read line by line and checked alike. Named as on
 * the command line ({@code --format jsonl}).
 */
public enum InputFormat {
    /** One JSON object per line. */
    jsonl("application/x-ndjson"),
    /** A header row naming the fields, then one event per row; an empty cell is an absent field. */
    csv("text/csv");

    private final String mediaType;

    InputFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type of a request body in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** What a file's name says it holds: CSV for {@code *.csv}, JSON Lines otherwise. */
    public static InputFormat forFile(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? csv : jsonl;
    }
}
