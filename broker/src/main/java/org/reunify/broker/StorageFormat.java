package org.reunify.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Formats Kafka's directory the way {@code kafka-storage.sh format} does with its production defaults: a random cluster
 * id, this node's id, the latest production metadata version and the production features at their defaults for it.
 */
final class StorageFormat {

    static final MetadataVersion METADATA_VERSION = MetadataVersion.latestProduction();

    private StorageFormat() {}

    /** Whether {@code logDir} is a formatted Kafka directory (it has a {@code meta.properties}). */
    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
    }

    /**
     * Formats {@code logDir} unless it is formatted already. Formatting happens in a sibling directory that is renamed
     * into place, so a run killed while formatting leaves nothing half-formatted behind.
     *
     * @param scramArguments the formatter's {@code --add-scram} arguments: the SCRAM users to create with the cluster
     * @return the new cluster's id when the directory was formatted now
     */
    static Optional<String> formatIfNew(KafkaConfig config, Path logDir, List<String> scramArguments) {
        if (isFormatted(logDir)) {
            return Optional.empty();
        }
        if (Files.exists(logDir) && !isEmptyDirectory(logDir)) {
            throw new EmbeddedKafkaException(logDir + " is not empty but was never formatted as a Kafka data directory"
                    + " (no " + MetaPropertiesEnsemble.META_PROPERTIES_NAME + "): move it away or choose another"
                    + " data directory");
        }
        Path staging = logDir.resolveSibling(logDir.getFileName() + ".formatting");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        try {
            deleteRecursively(staging);
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(config.controllerListenerNames().get(0))
                    .setReleaseVersion(METADATA_VERSION)
                    // Static quorum (controller.quorum.voters): kraft.version 0, no initial controllers.
                    .setHasDynamicQuorum(config.quorumConfig().voters().isEmpty())
                    .setMetadataLogDirectory(staging.toString())
                    // A secured cluster's super user must exist before anyone can log in to create users.
                    .setScramArguments(scramArguments)
                    .addDirectory(staging.toString());
            formatter.run();
            Files.deleteIfExists(logDir); // an empty directory, if any
            Utils.atomicMoveWithFallback(staging, logDir);
        } catch (Exception e) {
            throw new EmbeddedKafkaException(
                    "could not format the Kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
        // The formatter prints the bootstrap SCRAM record, salt and keys included: not for any log.
        output.reset();
        return Optional.of(clusterId);
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot read " + dir + ": " + e, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
