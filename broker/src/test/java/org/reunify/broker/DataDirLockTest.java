package org.reunify.broker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondBrokerOnALockedDataDirIsRefused() {
        DataDirLock first = DataDirLock.acquire(dataDir, kafkaDir());
        try {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir, kafkaDir()))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage(inUse(dataDir));
        } finally {
            first.release();
        }
    }

    @Test
    void aDataDirReachedThroughALinkIsTheSameDataDir(@TempDir Path elsewhere) throws IOException {
        Path link = Files.createSymbolicLink(elsewhere.resolve("link"), dataDir);
        DataDirLock first = DataDirLock.acquire(dataDir, kafkaDir());
        try {
            assertThatThrownBy(() -> DataDirLock.acquire(link, link.resolve("kafka")))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage(inUse(link));
        } finally {
            first.release();
        }
    }

    @Test
    void aReleasedDataDirCanBeLockedAgain() {
        DataDirLock.acquire(dataDir, kafkaDir()).release();

        assertThatCode(() -> DataDirLock.acquire(dataDir, kafkaDir()).release()).doesNotThrowAnyException();
    }

    @Test
    void aDataDirWhoseKafkaDirectoryAKafkaBrokerHoldsIsRefusedAndLeftUnlocked() throws IOException {
        Path kafkaLock = Files.createDirectories(kafkaDir()).resolve(".lock");
        try (FileChannel kafka = FileChannel.open(kafkaLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = kafka.lock()) {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir, kafkaDir()))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage(inUse(dataDir));
        }

        assertThatCode(() -> DataDirLock.acquire(dataDir, kafkaDir()).release()).doesNotThrowAnyException();
    }

    @Test
    void theLockFileAStoppedKafkaBrokerLeavesBehindIsNoObstacle() throws IOException {
        Files.createFile(Files.createDirectories(kafkaDir()).resolve(".lock"));

        assertThatCode(() -> DataDirLock.acquire(dataDir, kafkaDir()).release()).doesNotThrowAnyException();
    }

    private Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    private static String inUse(Path dir) {
        return "the data directory " + dir + " is in use by another running broker:"
                + " stop it first, or choose another data directory";
    }
}
