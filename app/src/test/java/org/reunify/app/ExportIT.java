package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;
import org.reunify.testkit.KafkaBrokerExtension;

/** {@code reunify export --hxl} on a real broker: the committed totals, suppressed, without the dashboard. */
class ExportIT {

    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void theCurrentFiguresAreWrittenSuppressedWithTheirMetadata() throws Exception {
        kafka.broker().createTopic(Topics.TOTALS.name(), 3, Topics.TOTALS_CONFIG);
        publish(List.of(
                Tally.of("UA-14", 3, 0, AT),
                Tally.of("UA-32", 40, 6, AT),
                Tally.of("UA-46", 90, 12, AT),
                Tally.of("UA-63", 210, 30, AT),
                Tally.of("UA", 343, 48, AT)));
        Path csv = dir.resolve("tallies-hxl.csv");
        Path metadata = dir.resolve("tallies-hxl.json");

        int exitCode = Reunify.commandLine()
                .execute(
                        "export",
                        "--hxl",
                        "--suppress-below",
                        "5",
                        "--output",
                        csv.toString(),
                        "--metadata",
                        metadata.toString(),
                        "--bootstrap",
                        kafka.broker().bootstrapServers());

        assertThat(exitCode).isZero();
        assertThat(Files.readAllLines(csv))
                .hasSize(2 + 28)
                .element(1)
                .asString()
                .startsWith("#date,#adm1+code,#adm1+pcode,#adm1+name,#affected+children+deported");
        assertThat(Files.readString(csv))
                .contains(",UA-14,UA14,Donetsk Oblast,<5,0,<5\r\n", ",UA,UA,Ukraine,343,48,295\r\n");
        assertThat(Files.readString(metadata)).contains("\"suppressBelow\" : 5", "reunification.totals");
    }

    @Test
    void theDailySeriesCarriesEachRegionForwardOverTheDaysItDidNotChangeAndLoadsWithAStandardReader() throws Exception {
        kafka.broker().createTopic(Topics.TOTALS_DAILY.name(), 3, Topics.TOTALS_DAILY.configs());
        LocalDate first = LocalDate.of(2025, 12, 1);
        publishDaily(List.of(
                Tally.of("UA-63", 210, 30, AT).on(first),
                Tally.of("UA", 210, 30, AT).on(first),
                Tally.of("UA-14", 40, 6, AT.plusSeconds(172_800)).on(first.plusDays(2)),
                Tally.of("UA", 250, 36, AT.plusSeconds(172_800)).on(first.plusDays(2))));
        Path csv = dir.resolve("daily-hxl.csv");

        int exitCode = Reunify.commandLine()
                .execute(
                        "export",
                        "--hxl",
                        "--daily",
                        "--suppress-below",
                        "5",
                        "--output",
                        csv.toString(),
                        "--bootstrap",
                        kafka.broker().bootstrapServers());

        assertThat(exitCode).isZero();
        assertThat(readWithPythonsCsvModule(csv))
                .as("Python's csv module, as a portal's loader would read it: the HXL row second, every row whole")
                .isEqualTo("rows 86, columns 7\nrow 2: #date,#adm1+code,#adm1+pcode,#adm1+name\n");
        assertThat(Files.readAllLines(csv))
                .as("a header, the HXL row, 28 rows for each of three days")
                .hasSize(2 + 3 * 28)
                .contains(
                        "2025-12-02,UA-63,UA63,Kharkiv Oblast,210,30,180",
                        "2025-12-02,UA,UA,Ukraine,210,30,180",
                        "2025-12-03,UA-14,UA14,Donetsk Oblast,40,6,34",
                        "2025-12-03,UA,UA,Ukraine,250,36,214");
    }

    /** What a standard CSV reader, not ours, makes of the file: its rows, their widths, the second row's start. */
    private static String readWithPythonsCsvModule(Path csv) throws Exception {
        String script = String.join(
                "\n",
                "import csv, sys",
                "with open(sys.argv[1], newline='', encoding='utf-8') as f:",
                "    rows = list(csv.reader(f, strict=True))",
                "widths = sorted({len(row) for row in rows})",
                "print('rows %d, columns %s' % (len(rows), ','.join(map(str, widths))))",
                "print('row 2: ' + ','.join(rows[1][:4]))");
        Process python = new ProcessBuilder("python3", "-c", script, csv.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as("python3: %s", out).isZero();
        return out;
    }

    private void publish(List<Tally> tallies) {
        Map<String, Object> config = new HashMap<>(kafka.broker().clientConfig());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            tallies.forEach(tally ->
                    producer.send(new ProducerRecord<>(Topics.TOTALS.name(), tally.code(), TallyJson.toBytes(tally))));
        }
    }

    private void publishDaily(List<Tally> days) {
        Topic<String, Tally> topic = Topics.TOTALS_DAILY;
        try (KafkaProducer<String, Tally> producer =
                new KafkaProducer<>(kafka.broker().clientConfig(), topic.keySerializer(), topic.valueSerializer())) {
            days.forEach(day -> producer.send(topic.record(day.topicKey(), day)));
        }
    }
}
