package org.reunify.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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
        List<Tally> listing = Tallies.complete(List.of(Tally.of("UA-14", 5120, 310, UPDATED), Tally.of("UA", 5120, 310, UPDATED)));

        new TallyFiles(directory).write(listing);

        List<Tally> read = TallyJson.fromJsonArray(Files.readString(directory.resolve("tallies.json")));
        assertThat(read).isEqualTo(listing).hasSize(28);
        assertThat(read.get(0).region()).isEqualTo("UA");
    }

    @Test
    void theCsvFileHasOneRowPerTallyWithAnEmptyTimeWhereNothingHappened() throws IOException {
        new TallyFiles(directory).write(Tallies.complete(List.of(Tally.of("UA-14", 5120, 310, UPDATED))));

        List<String> rows = Files.readAllLines(directory.resolve("tallies.csv"));
        assertThat(rows).hasSize(29);
        assertThat(rows.get(0)).isEqualTo("region,name,deported,returned,outstanding,updatedAt");
        assertThat(rows).contains("UA-14,Donetsk Oblast,5120,310,4810,2025-12-03T16:04:32.117Z", "UA-09,Luhansk Oblast,0,0,0,");
    }

    @Test
    void aRewriteReplacesBothFilesAndLeavesNoTemporaryBehind() throws IOException {
        TallyFiles files = new TallyFiles(directory);
        files.write(Tallies.complete(List.of(Tally.of("UA-14", 1, 0, UPDATED))));

        files.write(Tallies.complete(List.of(Tally.of("UA-14", 2, 0, UPDATED))));

        assertThat(Files.readString(files.csv())).contains("UA-14,Donetsk Oblast,2,0,2,");
        try (var listing = Files.list(directory)) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("tallies.json", "tallies.csv");
        }
    }
}
