package org.reunify.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as events name their publisher with it. */
public final class ReunifyVersion {

    private static final String VERSION = load();

    private ReunifyVersion() {}

    public static String get() {
        return VERSION;
    }

    /** {@code reunify-<program>/<version>}, the publisher field of the events a program writes. */
    public static String publisher(String program) {
        return "reunify-" + program + "/" + VERSION;
    }

    private static String load() {
        try (InputStream in = ReunifyVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
