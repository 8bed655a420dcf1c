package org.reunify.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyCsv;
import org.reunify.schemas.TallyJson;

/**
 * {@code tallies.json} (DESIGN.md's array) and {@code tallies.csv} in one directory. Each file is written beside
 * its final name, flushed to disk, then renamed over it: a reader sees the old file or the new one, never half.
 */
public final class TallyFiles {

    public static final String JSON = "tallies.json";
    public static final String CSV = "tallies.csv";

    private final Path directory;

    public TallyFiles(Path directory) {
        this.directory = directory;
    }

    public Path json() {
        return directory.resolve(JSON);
    }

    public Path csv() {
        return directory.resolve(CSV);
    }

    /** Replaces both files with this listing. */
    public void write(List<Tally> tallies) throws IOException {
        Files.createDirectories(directory);
        replace(json(), TallyJson.toJsonArray(tallies));
        replace(csv(), TallyCsv.format(tallies));
    }

    private static void replace(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
