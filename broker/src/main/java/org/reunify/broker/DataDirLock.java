package org.reunify.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OS file lock on {@code dataDir/broker.lock}, held while the broker runs, against brokers in other processes;
 * a set of the directories locked in this JVM against a second broker here. The set is checked first because
 * opening and closing a second channel on a file this JVM has locked would drop the JVM's (POSIX) lock.
 */
final class DataDirLock {

    /** Held by the running broker so a second one on the same data directory is refused before it touches it. */
    static final String LOCK_FILE = "broker.lock";

    private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir}, which must exist, for this broker.
     *
     * @param kafkaDir Kafka's directory inside it: refused too while any Kafka broker holds Kafka's own lock there
     * @throws EmbeddedKafkaException when another broker, of this program or not, uses the directory
     */
    static DataDirLock acquire(Path dataDir, Path kafkaDir) {
        DataDirLock lock = acquireOwnLock(dataDir);
        try {
            checkNoKafkaUsing(kafkaDir, dataDir);
            return lock;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    private static DataDirLock acquireOwnLock(Path dataDir) {
        Path key = realPath(dataDir);
        if (!LOCKED_IN_THIS_JVM.add(key)) {
            throw StartFailure.dataDirInUse(dataDir, null);
        }
        Path file = key.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw StartFailure.dataDirInUse(dataDir, null);
            }
            return new DataDirLock(key, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            LOCKED_IN_THIS_JVM.remove(key);
            throw new EmbeddedKafkaException("cannot lock the data directory " + dataDir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            LOCKED_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    /** Kafka leaves its {@code .lock} behind when it stops, so only a lock someone holds counts. */
    private static void checkNoKafkaUsing(Path kafkaDir, Path dataDir) {
        Path kafkaLock = kafkaDir.resolve(".lock");
        if (!Files.exists(kafkaLock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(kafkaLock, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                throw StartFailure.dataDirInUse(dataDir, null);
            }
            probe.release();
        } catch (OverlappingFileLockException e) {
            throw StartFailure.dataDirInUse(dataDir, e);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot use the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot use the data directory " + dir + ": " + e, e);
        }
    }

    /** Safe to call more than once. */
    void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("Ignoring a failure to release {}", LOCK_FILE, e);
        } finally {
            closeQuietly(channel);
            LOCKED_IN_THIS_JVM.remove(dataDir);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Ignoring a failure to close {}", LOCK_FILE, e);
        }
    }
}
