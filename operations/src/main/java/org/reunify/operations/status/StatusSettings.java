package org.reunify.operations.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.reunify.sink.postgres.Database;

/**
 * What {@code reunify status} looks at.
 *
 * @param sinkDir      the file sink's directory
 * @param sinkDirNamed whether the operator named it; a default directory without a file sink is no problem
 * @param database     the PostgreSQL sink's database, if there is one to check
 * @param sinkGrace    how long a record may wait for a sink before the sink counts as behind ({@link SinkPosition})
 * @param timeout      how long to wait for the cluster, and for each read
 */
public record StatusSettings(
        String applicationId,
        Path sinkDir,
        boolean sinkDirNamed,
        Optional<Database> database,
        Duration sinkGrace,
        Duration timeout) {

    public static final Path DEFAULT_SINK_DIR = Path.of("reunify-data", "tallies");
    public static final Duration DEFAULT_SINK_GRACE = Duration.ofSeconds(30);

    public StatusSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(sinkDir, "sinkDir");
        Objects.requireNonNull(database, "database");
    }
}
