package org.reunify.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

class TallyFilesTest {

    private static final Instant UPDATED = Instant.parse("2025-12-03T16:04:32.117Z");

    @TempDir
    Path directory;

    @Test
    void theJsonFileIsDesignsSortedArrayWithUa() throws IOException {
        List<Tally> listing =
                Tallies.complete(List.of(Tally.of("UA-14", 5120, 310, UPDATED), Tally.of("UA", 5120, 310, UPDATED)));

        new TallyFiles(directory).write(listing);

        List<Tally> read = TallyJson.fromJsonArray(Files.readString(directory.resolve("tallies.json")));
        assertThat(read).isEqualTo(listing).hasSize(28);
        assertThat(read.get(0).code()).isEqualTo("UA");
    }

    @Test
    void theCsvFileHasOneRowPerTallyWithAnEmptyTimeWhereNothingHappened() throws IOException {
        new TallyFiles(directory).write(Tallies.complete(List.of(Tally.of("UA-14", 5120, 310, UPDATED))));

        List<String> rows = Files.readAllLines(directory.resolve("tallies.csv"));
        assertThat(rows).hasSize(29);
        assertThat(rows.get(0)).isEqualTo("region,name,deported,returned,outstanding,updatedAt");
        assertThat(rows)
                .contains("UA-14,Donetsk Oblast,5120,310,4810,2025-12-03T16:04:32.117Z", "UA-09,Luhansk Oblast,0,0,0,");
    }

    @Test
    void aRewriteReplacesBothFilesAndLeavesNoTemporaryBehind() throws IOException {
        TallyFiles files = new TallyFiles(directory);
        files.write(Tallies.complete(List.of(Tally.of("UA-14", 1, 0, UPDATED))));

        files.write(Tallies.complete(List.of(Tally.of("UA-14", 2, 0, UPDATED))));

        assertThat(Files.readString(files.csv())).contains("UA-14,Donetsk Oblast,2,0,2,");
        assertThat(listing()).containsExactlyInAnyOrder("tallies.json", "tallies.csv");
    }

    @Test
    void aSymbolicLinkAtTheFileIsReplacedByTheFileAndWhatItPointedToIsNotWritten(@TempDir Path elsewhere)
            throws IOException {
        Path target = Files.writeString(elsewhere.resolve("precious.txt"), "not the tallies\n");
        TallyFiles files = new TallyFiles(directory);
        Files.createSymbolicLink(files.json(), target);

        files.write(Tallies.complete(List.of(Tally.of("UA-14", 1, 0, UPDATED))));

        assertThat(Files.readString(target)).isEqualTo("not the tallies\n");
        assertThat(files.json()).isRegularFile().isNotEqualTo(target);
        assertThat(Files.isSymbolicLink(files.json())).isFalse();
        assertThat(TallyJson.fromJsonArray(Files.readString(files.json()))).hasSize(28);
    }

    @Test
    void aSymbolicLinkPlantedAtTheFormerFixedTemporaryNameIsNotWrittenThrough(@TempDir Path elsewhere)
            throws IOException {
        Path target = Files.writeString(elsewhere.resolve("precious.txt"), "not the tallies\n");
        Files.createSymbolicLink(directory.resolve(".tallies.json.tmp"), target);

        new TallyFiles(directory).write(Tallies.complete(List.of(Tally.of("UA-14", 1, 0, UPDATED))));

        assertThat(Files.readString(target)).isEqualTo("not the tallies\n");
    }

    @Test
    void twoWritersOfOneDirectoryNeverClobberEachOthersTemporaryFiles() throws Exception {
        List<Tally> one = Tallies.complete(List.of(Tally.of("UA-14", 1, 0, UPDATED)));
        List<Tally> two = Tallies.complete(List.of(Tally.of("UA-14", 2, 0, UPDATED)));
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> done = writers.invokeAll(List.of(writeRepeatedly(one), writeRepeatedly(two)));
            for (Future<Object> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(TallyJson.fromJsonArray(Files.readString(directory.resolve("tallies.json"))))
                .isIn(one, two);
        assertThat(listing()).containsExactlyInAnyOrder("tallies.json", "tallies.csv");
    }

    @Test
    void theFilesAreWritableByTheirOwnerOnly() throws IOException {
        TallyFiles files = new TallyFiles(directory);

        files.write(Tallies.complete(List.of()));

        for (Path file : List.of(files.json(), files.csv())) {
            assertThat(Files.getPosixFilePermissions(file))
                    .contains(PosixFilePermission.OWNER_WRITE)
                    .doesNotContain(
                            PosixFilePermission.GROUP_WRITE,
                            PosixFilePermission.OTHERS_WRITE,
                            PosixFilePermission.OWNER_EXECUTE);
        }
    }

    @Test
    void aTemporaryFileAKilledWriterLeftIsRemovedButOneAnotherWriterIsWritingIsNot() throws IOException {
        Path killed = Files.writeString(directory.resolve(".tallies.json.0f1e2d3c.tmp"), "[\n");
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        Path inFlight = Files.writeString(directory.resolve(".tallies.csv.4b5a6978.tmp"), "region,");

        new TallyFiles(directory).write(Tallies.complete(List.of()));

        assertThat(listing())
                .containsExactlyInAnyOrder(
                        "tallies.json", "tallies.csv", inFlight.getFileName().toString());
    }

    @Test
    void thePositionIsWrittenBesideTheFilesAsReadableJsonAndReadBack() throws IOException {
        TallyFiles files = new TallyFiles(directory);
        AppliedOffsets applied =
                new AppliedOffsets("reunification.totals", new TreeMap<>(Map.of(0, 120L, 1, 98L)), UPDATED);

        files.writePosition(applied);

        assertThat(Files.readString(directory.resolve("position.json")))
                .contains("\"topic\":\"reunification.totals\"", "\"nextOffsets\":{\"0\":120,\"1\":98}");
        assertThat(files.readPosition()).contains(applied);
        assertThat(listing()).containsExactly("position.json");
    }

    @Test
    void aDirectoryNoSinkWroteAPositionInHasNone() throws IOException {
        assertThat(new TallyFiles(directory).readPosition()).isEmpty();
    }

    private Callable<Object> writeRepeatedly(List<Tally> listing) {
        return () -> {
            TallyFiles files = new TallyFiles(directory);
            for (int i = 0; i < 300; i++) {
                files.write(listing);
            }
            return null;
        };
    }

    private List<String> listing() throws IOException {
        try (var listing = Files.list(directory)) {
            return listing.map(path -> path.getFileName().toString()).toList();
        }
    }
}
