package org.reunify.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyCsv;
import org.reunify.schemas.TallyJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tallies.json} (docs/DESIGN.md's array) and {@code tallies.csv} in one directory. Each file is written to a new
 * temporary file of a random name beside it, flushed to disk, then renamed over it: a reader sees the old file or the
 * new one, never half, and two writers never share a temporary file.
 *
 * <p>Nothing planted in the directory is written through. The temporary file is created exclusively ({@code O_EXCL},
 * which never follows a link) and opened once. The rename replaces whatever is at the final name, a symbolic link
 * included, and never follows it: a link at {@code tallies.json} is replaced by the file, its target left untouched.
 * (Refusing instead would be no safer, as a link planted after the check would be replaced all the same, and would
 * let anyone who can write the directory stop the sink.) The files are created {@code rw-r--r--} less the process's
 * umask: only their owner may write them, and they stay as readable as before, for they hold the published figures.
 */
public final class TallyFiles {

    public static final String JSON = "tallies.json";
    public static final String CSV = "tallies.csv";
    /** Where the files' sink has read the totals topic up to: {@link AppliedOffsets}. */
    public static final String POSITION = "position.json";

    private static final Logger LOG = LoggerFactory.getLogger(TallyFiles.class);
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /**
     * Far longer than any write takes: an older temporary file is a killed writer's, not another writer's in flight.
     */
    private static final Duration STALE = Duration.ofMinutes(1);

    private final Path directory;
    private boolean staleRemoved;

    public TallyFiles(Path directory) {
        this.directory = directory;
    }

    public Path json() {
        return directory.resolve(JSON);
    }

    public Path csv() {
        return directory.resolve(CSV);
    }

    public Path position() {
        return directory.resolve(POSITION);
    }

    /** Replaces both files with this listing; the first call also removes what killed writers left behind. */
    public void write(List<Tally> tallies) throws IOException {
        Files.createDirectories(directory);
        if (!staleRemoved) {
            removeStaleTemporaries();
            staleRemoved = true;
        }
        replace(json(), TallyJson.toJsonArray(tallies));
        replace(csv(), TallyCsv.format(tallies));
    }

    /** Replaces {@code position.json}; call it only once the files hold every tally below these offsets. */
    public void writePosition(AppliedOffsets applied) throws IOException {
        Files.createDirectories(directory);
        replace(position(), applied.toJson());
    }

    /** The position last written; empty when no sink has written one here. */
    public Optional<AppliedOffsets> readPosition() throws IOException {
        try {
            return Optional.of(AppliedOffsets.fromJson(Files.readAllBytes(position())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void replace(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerWritable(target))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (Files.isSymbolicLink(target)) {
                LOG.warn(
                        "{} was a symbolic link: replacing the link with the file itself; what it pointed to is not "
                                + "written",
                        target);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static FileAttribute<?>[] ownerWritable(Path target) {
        if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))
        };
    }

    /**
     * Temporary files of a writer killed between creating and renaming them; links of that name are removed, not
     * followed.
     */
    private void removeStaleTemporaries() throws IOException {
        FileTime staleBefore = FileTime.from(Instant.now().minus(STALE));
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(
                directory, ".{" + JSON + "," + CSV + "," + POSITION + "}.*" + TEMPORARY_SUFFIX)) {
            for (Path temporary : temporaries) {
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(temporary, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.lastModifiedTime().compareTo(staleBefore) < 0) {
                        Files.deleteIfExists(temporary);
                    }
                } catch (NoSuchFileException e) {
                    // Another writer renamed or removed it meanwhile.
                }
            }
        }
    }
}
