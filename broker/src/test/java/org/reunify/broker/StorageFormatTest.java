package org.reunify.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFormatTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewDataDirIsFormattedForThisNodeWithANewClusterId() throws IOException {
        Optional<String> clusterId = StorageFormat.formatIfNew(config(Optional.empty()), logDir(), List.of());

        assertThat(clusterId).isPresent();
        assertThat(StorageFormat.isFormatted(logDir())).isTrue();
        assertThat(Files.readString(logDir().resolve("meta.properties")))
                .contains("cluster.id=" + clusterId.orElseThrow())
                .contains("node.id=1");
    }

    @Test
    void aFormattedDataDirIsLeftAsItIs() throws IOException {
        StorageFormat.formatIfNew(config(Optional.empty()), logDir(), List.of());
        String metaProperties = Files.readString(logDir().resolve("meta.properties"));

        assertThat(StorageFormat.formatIfNew(config(Optional.empty()), logDir(), List.of()))
                .isEmpty();
        assertThat(Files.readString(logDir().resolve("meta.properties"))).isEqualTo(metaProperties);
    }

    @Test
    void anEmptyKafkaDirectoryIsFormatted() throws IOException {
        Files.createDirectories(logDir());

        assertThat(StorageFormat.formatIfNew(config(Optional.empty()), logDir(), List.of()))
                .isPresent();
        assertThat(StorageFormat.isFormatted(logDir())).isTrue();
    }

    @Test
    void aKafkaDirectoryWithFilesButNoMetaPropertiesIsRefusedAndLeftUntouched() throws IOException {
        Path somebodysFile = Files.createDirectories(logDir()).resolve("notes.txt");
        Files.writeString(somebodysFile, "not Kafka's");

        assertThatThrownBy(() -> StorageFormat.formatIfNew(config(Optional.empty()), logDir(), List.of()))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessage(logDir() + " is not empty but was never formatted as a Kafka data directory"
                        + " (no meta.properties): move it away or choose another data directory");
        assertThat(somebodysFile).hasContent("not Kafka's");
    }

    @Test
    void whatARunKilledWhileFormattingLeftBehindIsReplaced() throws IOException {
        Path staging = Files.createDirectories(dataDir.resolve("kafka.formatting"));
        Files.writeString(staging.resolve("half-written"), "from the killed run");

        assertThat(StorageFormat.formatIfNew(config(Optional.empty()), logDir(), List.of()))
                .isPresent();
        assertThat(staging).doesNotExist();
        assertThat(logDir().resolve("half-written")).doesNotExist();
    }

    @Test
    void formattingASecuredClusterPrintsNothing() {
        BrokerSecurity.Secured secured =
                BrokerSecurity.secure(false).prepare(dataDir, false).orElseThrow();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Optional<String> clusterId;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            clusterId = StorageFormat.formatIfNew(config(Optional.of(secured)), logDir(), secured.scramArguments());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(clusterId).isPresent();
        // Kafka's formatter would print its bootstrap records, the super user's salted SCRAM keys among them.
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private KafkaConfig config(Optional<BrokerSecurity.Secured> secured) {
        return new KafkaConfig(BrokerConfig.properties(logDir(), 9092, 9093, secured), false);
    }

    private Path logDir() {
        return dataDir.resolve("kafka");
    }
}
