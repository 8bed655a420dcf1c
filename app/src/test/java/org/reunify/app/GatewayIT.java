package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.CountedOnce;
import org.reunify.app.support.Curl;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.app.support.GatewayClient;
import org.reunify.app.support.ResultTable;
import org.reunify.schemas.DaemonThreads;
import org.reunify.schemas.Topics;
import org.reunify.security.Principals;

/**
 * The gateway of {@code reunify up --secure --tls}, driven as agencies and attackers would drive it: Debian's
 * {@code curl} as a process, raw TLS sockets, a crowd of Java clients. One {@code up} for every gateway test
 * ({@link GatewayUp}); the tests that publish use regions of their own, so that their figures are theirs.
 */
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";
    private static final String CSV = "text/csv";
    private static final String[] HISTORY_REGIONS = {"UA-14", "UA-09", "UA-43", "UA-30", "UA-65", "UA-77"};
    private static final String HEADER = "type,eventId,caseId,region,occurredOn,destination,retracts,reason";

    @TempDir
    static Path dir;

    private static final ResultTable ATTEMPTS = new ResultTable(
            Path.of("target", "gateway-attempts.md"), "| who | sends | expected | observed |\n|---|---|---|---|\n");

    private static SecuredReunify reunify;
    private static Curl curl;
    private static URI http;

    @BeforeAll
    static void up() throws Exception {
        reunify = GatewayUp.get();
        curl = new Curl(reunify.logins().resolve("ca.pem"));
        http = reunify.http();
    }

    @Test
    void jsonLinesAndCsvPostedWithCurlCountAsTheRulesSayAndSendingAFileAgainChangesNothing() throws Exception {
        String agency = "nib";
        List<String> events = history();
        List<String> first = events.subList(0, 14);
        List<String> second = events.subList(14, events.size());
        Path jsonl = Files.write(dir.resolve("nib.jsonl"), first);
        Path csv = Files.write(dir.resolve("nib.csv"), csvWithBomAndCrlf(second));

        Curl.Answer sentJsonl = curl.post(GatewayClient.api(http, agency, ""), login(agency), jsonl, NDJSON);
        Curl.Answer sentCsv = curl.post(GatewayClient.api(http, agency, ""), login(agency), csv, CSV);

        assertThat(sentJsonl.status()).as(sentJsonl.body()).isEqualTo(200);
        assertThat(lines(sentJsonl)).containsEntry("published", 14L).containsEntry("refused", 0L);
        assertThat(sentJsonl.json().path("login").asText()).isEqualTo(Principals.agencyUser(agency));
        assertThat(sentJsonl.json().path("sha256").asText()).isEqualTo(sha256(jsonl));
        assertThat(sentCsv.status()).as(sentCsv.body()).isEqualTo(200);
        assertThat(lines(sentCsv)).containsEntry("published", (long) second.size());
        Map<String, String> expected = ownRegions(Figures.of(Figures.expected(CountedOnce.of(agency, events))));
        Figures.awaitTotals(
                reunify.client("dashboard"),
                figures -> assertThat(ownRegions(figures)).isEqualTo(expected));

        String receiptId = sentJsonl.json().path("uploadId").asText();
        Curl.Answer again =
                curl.run(http.resolve("api/v1/agencies/" + agency + "/receipts/" + receiptId), "-u", login(agency));
        assertThat(again.json()).isEqualTo(sentJsonl.json());

        long onTopic = GatewayClient.records(reunify.client("auditor"), Topics.eventsTopic(agency));
        Curl.Answer resent = curl.post(GatewayClient.api(http, agency, ""), login(agency), jsonl, NDJSON);
        attempt("agency nib", "the same JSON Lines file again", "200, already published", resent);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(lines(resent)).containsEntry("published", 0L).containsEntry("alreadyPublished", 14L);
        assertThat(GatewayClient.records(reunify.client("auditor"), Topics.eventsTopic(agency)))
                .as("records on the agency's topic after the file was sent again")
                .isEqualTo(onTopic);
        // The auditor's login reads both the history the replay needs and the totals.
        assertThat(ownRegions(Figures.of(Figures.awaitSettled(reunify.client("auditor")))))
                .isEqualTo(expected);

        StringWriter listed = new StringWriter();
        assertThat(Reunify.commandLine()
                        .setOut(new PrintWriter(listed))
                        .execute(
                                "replay",
                                "--receipts",
                                agency,
                                "--format",
                                "json",
                                "--bootstrap",
                                reunify.bootstrap,
                                "--command-config",
                                reunify.login("auditor").toString()))
                .isZero();
        assertThat(listed.toString()
                        .lines()
                        .map(line -> read(line).path("uploadId").asText()))
                .containsExactly(
                        receiptId,
                        sentCsv.json().path("uploadId").asText(),
                        resent.json().path("uploadId").asText());
        assertThat(listed.toString()).as("event content in the receipts").doesNotContain("case-", "nv-");
    }

    @Test
    void withoutALoginOrWithAWrongPasswordItIs401AfterTheSameDelayWhetherTheUserExistsOrNot() throws Exception {
        String agency = "police";
        Path file = Files.write(dir.resolve("bcu.jsonl"), List.of(EventLines.deportation("b-1", "bc-1", "UA-14")));
        URI url = GatewayClient.api(http, agency, "dryRun=true");

        CompletableFuture<Curl.Answer> withoutLogin = postAsync(url, null, file);
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownUser = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Both at once: each waits out the delay on the gateway's clock, under the same load on the machine.
            CompletableFuture<Curl.Answer> wrongSent = postAsync(url, "agency-" + agency + ":" + "x".repeat(43), file);
            Curl.Answer unknown = curl.post(url, "agency-nosuch:" + "x".repeat(43), file, NDJSON);
            Curl.Answer wrong = wrongSent.join();
            assertThat(List.of(wrong.status(), unknown.status())).containsOnly(401);
            assertThat(wrong.body()).isEqualTo(unknown.body());
            wrongPassword.add(wrong.took().toMillis());
            unknownUser.add(unknown.took().toMillis());
        }
        Curl.Answer anonymous = withoutLogin.join();
        attempt("anyone", "a file without a login", "401", anonymous);
        assertThat(anonymous.status()).isEqualTo(401);
        ATTEMPTS.append(String.format(
                "| anyone | agency-police with a wrong password; agency-nosuch (no such user) "
                        + "| 401 after the same delay | 401 after %s ms; 401 after %s ms |%n",
                wrongPassword, unknownUser));
        assertThat(Math.abs(median(wrongPassword) - median(unknownUser)))
                .as(
                        "ms between the median answers to a wrong password (%s) and an unknown user (%s)",
                        wrongPassword, unknownUser)
                .isLessThan(250);
        assertThat(curl.post(url, login(agency), file, NDJSON).status()).isEqualTo(200);
    }

    /** The same post as {@link Curl#post}, on a thread of its own. */
    private static CompletableFuture<Curl.Answer> postAsync(URI url, String login, Path file) {
        Executor ownThread = task -> DaemonThreads.named("curl").newThread(task).start();
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return curl.post(url, login, file, NDJSON);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                },
                ownThread);
    }

    @Test
    void anotherAgencysPathIs403AndNothingReachesEitherTopic() throws Exception {
        String own = "nib";
        String other = "police";
        Path file = Files.write(dir.resolve("hrg.jsonl"), List.of(EventLines.deportation("h-1", "hc-1", "UA-14")));
        long ownBefore = onTopic(own);
        long otherBefore = onTopic(other);

        Curl.Answer answer = curl.post(GatewayClient.api(http, other, ""), login(own), file, NDJSON);

        attempt("agency nib", "a file to agency police's path", "403, nothing on either topic", answer);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asText()).contains(Principals.agencyUser(own), other);
        assertThat(onTopic(own)).isEqualTo(ownBefore);
        assertThat(onTopic(other)).isEqualTo(otherBefore);
    }

    @Test
    void aBodyOfOneGibibyteIsRefused413WithTheLimitAndTheGatewayGoesOnAnswering() throws Exception {
        String agency = "police";
        long before = onTopic(agency);
        Path huge = dir.resolve("huge.jsonl");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(1L << 30);
        }

        Curl.Answer answer = curl.post(GatewayClient.api(http, agency, ""), login(agency), huge, NDJSON);

        attempt("agency police", "a body of 1 GiB (up runs with -Xmx512m)", "413", answer);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).contains("67108864");
        assertThat(onTopic(agency)).isEqualTo(before);
        assertGatewayAnswers(agency);
    }

    @Test
    void aGzipBombIsRefused413OnceItsContentPassesTheLimit() throws Exception {
        String agency = "police";
        long before = onTopic(agency);
        Path bomb = dir.resolve("bomb.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 128; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1L << 20);

        Curl.Answer answer = curl.post(
                GatewayClient.api(http, agency, ""), login(agency), bomb, NDJSON, "-H", "Content-Encoding: gzip");

        attempt("agency police", "gzip of 128 MiB of zeros (" + Files.size(bomb) + " bytes)", "413", answer);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").asText()).contains("decompressed");
        assertThat(onTopic(agency)).isEqualTo(before);
        assertGatewayAnswers(agency);
    }

    @Test
    void aLineOfTenMebibytesIsRefusedOversizedAndTheFileIsNotPublished() throws Exception {
        String agency = "police";
        long before = onTopic(agency);
        Path file = Files.write(
                dir.resolve("long.jsonl"),
                List.of(
                        EventLines.deportation("l-1", "lc-1", "UA-14"),
                        "{\"type\":\"" + "x".repeat(10 << 20) + "\"}",
                        EventLines.deportation("l-2", "lc-2", "UA-14")));

        Curl.Answer answer = curl.post(GatewayClient.api(http, agency, ""), login(agency), file, NDJSON);

        attempt(
                "agency police",
                "a line of 10 MiB between two valid lines",
                "422, line 2 OVERSIZED, nothing published",
                answer);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("refused").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(answer.json().path("refused").get(0).path("code").asText()).isEqualTo("OVERSIZED");
        assertThat(lines(answer)).containsEntry("published", 0L).containsEntry("valid", 2L);
        assertThat(onTopic(agency)).isEqualTo(before);
    }

    @Test
    void aHundredThousandRefusedLinesAreCountedInAReceiptThatListsTheFirstThousand() throws Exception {
        String agency = "police";
        long before = onTopic(agency);
        Path file = Files.write(
                dir.resolve("many.jsonl"),
                IntStream.range(0, 100_000).mapToObj(i -> "{}").toList());

        Curl.Answer answer = curl.post(GatewayClient.api(http, agency, ""), login(agency), file, NDJSON);

        attempt("agency police", "100,000 lines, every one refused", "422, a bounded receipt", answer);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(lines(answer)).containsEntry("read", 100_000L).containsEntry("refused", 100_000L);
        assertThat(answer.json().path("refused")).hasSize(1_000);
        assertThat(answer.json().path("refusedNotListed").asLong()).isEqualTo(99_000L);
        assertThat(answer.json().path("refusedByCode").path("INVALID_EVENT").asLong())
                .isEqualTo(100_000L);
        assertThat(answer.body().length()).as("bytes of the receipt").isLessThan(256 * 1024);
        assertThat(onTopic(agency)).isEqualTo(before);
    }

    @Test
    void aClientSendingOneByteASecondIsCutOffAndOthersAreServedMeanwhile() throws Exception {
        String agency = "yale";
        long before = onTopic(agency);
        SSLSocket socket = (SSLSocket) GatewayClient.trusting(reunify.logins().resolve("ca.pem"))
                .getSocketFactory()
                .createSocket(http.getHost(), http.getPort());
        socket.setSoTimeout(60_000);
        String head = "POST /api/v1/agencies/" + agency + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + GatewayClient.basic(reunify.login(Principals.agencyUser(agency))) + "\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n";
        long started = System.nanoTime();
        String answer;
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readAll(socket));
            for (int i = 0; i < 60 && !read.isDone(); i++) {
                out.write('{');
                out.flush();
                if (i % 5 == 0) {
                    assertGatewayAnswers("police");
                }
                // The hostile client's pace, which is what is tested: no wait for anything.
                Thread.sleep(1_000);
            }
            answer = read.get();
        } catch (IOException e) {
            answer = "connection closed: " + e.getMessage();
        }

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ATTEMPTS.append(String.format(
                "| agency yale | a body of 100,000 bytes, one byte a second | cut off | after %d s: %s |%n",
                took.toSeconds(), answer.lines().findFirst().orElse("")));
        assertThat(took).isLessThan(Duration.ofSeconds(45));
        assertThat(answer)
                .satisfiesAnyOf(
                        text -> assertThat(text).startsWith("HTTP/1.1 408"),
                        text -> assertThat(text).contains("closed"));
        assertThat(onTopic(agency)).isEqualTo(before);
    }

    @Test
    void twoHundredUploadsAtOnceAreEachAnsweredAndTheFileIsCountedOnce() throws Exception {
        String agency = "crowd";
        List<String> events = List.of(
                EventLines.deportation("cr-1", "crc-1", "UA-63"),
                EventLines.deportation("cr-2", "crc-2", "UA-63"),
                EventLines.returned("cr-3", "crc-1", "UA-63"));
        byte[] body = String.join("\n", events).getBytes(StandardCharsets.UTF_8);
        HttpClient client = GatewayClient.http(reunify.logins().resolve("ca.pem"));
        String authorization = GatewayClient.basic(reunify.login(Principals.agencyUser(agency)));

        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, 200)
                .mapToObj(i -> client.sendAsync(
                        HttpRequest.newBuilder(GatewayClient.api(http, agency, ""))
                                .timeout(Duration.ofMinutes(2))
                                .header("Authorization", authorization)
                                .header("Content-Type", NDJSON)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> answers =
                sent.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> byStatus =
                answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        ATTEMPTS.append(String.format(
                "| agency crowd | the same file 200 times at once | each answered, counted once | statuses %s |%n",
                byStatus));
        assertThat(byStatus.keySet()).as("statuses %s", byStatus).isSubsetOf(Set.of(200, 429, 503));
        assertThat(byStatus).containsKey(200);
        assertThat(answers)
                .filteredOn(answer -> answer.statusCode() != 200)
                .allSatisfy(answer ->
                        assertThat(answer.headers().firstValue("Retry-After")).isPresent());
        long published = answers.stream()
                .filter(answer -> answer.statusCode() == 200)
                .mapToLong(answer ->
                        read(answer.body()).path("lines").path("published").asLong())
                .sum();
        assertThat(published).as("lines published over every receipt").isEqualTo(3);
        assertThat(onTopic(agency)).isEqualTo(3);
        Figures.awaitTotals(
                reunify.client("dashboard"), figures -> assertThat(figures).containsEntry("UA-63", "2/1/1"));
        assertGatewayAnswers(agency);
    }

    @Test
    void aCsvWithAnUnknownColumnIsRefusedRowByRowAndABomAndCrlfAreNot() throws Exception {
        String agency = "police";
        long before = onTopic(agency);
        Path wrong = Files.write(
                dir.resolve("wrong.csv"),
                List.of(
                        "type,eventId,caseId,region,occurredOn,name",
                        "DEPORTATION_REPORTED,s-1,sc-1,UA-14,2022-05-01,x"));
        Path right = Files.write(
                dir.resolve("right.csv"), csvWithBomAndCrlf(List.of(EventLines.deportation("s-2", "sc-2", "UA-48"))));

        Curl.Answer refused = curl.post(GatewayClient.api(http, agency, ""), login(agency), wrong, CSV);
        Curl.Answer published = curl.post(GatewayClient.api(http, agency, ""), login(agency), right, CSV);

        attempt("agency police", "CSV whose header names an unknown column", "422, every row refused", refused);
        attempt("agency police", "CSV with a byte order mark and CRLF line ends", "200", published);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("refused").findValuesAsText("line")).containsExactly("1", "2");
        assertThat(refused.json().path("refused").get(0).path("reason").asText())
                .contains("unknown column 'name'");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(onTopic(agency)).isEqualTo(before + 1);
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedEvenWithTheAgencysLogin() throws Exception {
        String agency = "police";
        long before = onTopic(agency);
        Path form = Files.writeString(dir.resolve("form.txt"), EventLines.deportation("f-1", "fc-1", "UA-14"));
        URI url = GatewayClient.api(http, agency, "");

        Curl.Answer fromOrigin = curl.post(
                url,
                login(agency),
                form,
                "application/x-www-form-urlencoded",
                "-H",
                "Origin: https://evil.example",
                "-H",
                "Sec-Fetch-Site: cross-site");
        Curl.Answer plainText = curl.post(url, login(agency), form, "text/plain");

        attempt(
                "another site's page",
                "a form post with agency police's login, Origin https://evil.example",
                "403",
                fromOrigin);
        attempt("another site's page", "a text/plain form post with the login, no Origin", "415", plainText);
        assertThat(fromOrigin.status()).isEqualTo(403);
        assertThat(plainText.status()).as("a form's text/plain, without Origin").isEqualTo(415);
        assertThat(onTopic(agency)).isEqualTo(before);
    }

    @Test
    void reunifyPublishAndTheGatewayAcceptAndRefuseExactlyTheSameLines() throws Exception {
        String agency = "police";
        Path csv = Files.write(
                dir.resolve("mixed.csv"),
                List.of(
                        HEADER,
                        "DEPORTATION_REPORTED,m-1,mc-1,UA-14,2022-05-01,RU,,",
                        "DEPORTATION_REPORTED,m-2,mc-2,UA-44,2022-05-01,RU,,",
                        "DEPORTATION_REPORTED,m-3,mc-3,UA-14,2013-01-01,,,",
                        "RETURN_CONFIRMED,m-4,mc-1,UA-14,2099-01-01,,,",
                        "RETURN_CONFIRMED,m-5,mc-1",
                        "REPORT_RETRACTED,m-6,mc-1,,,,m-1,\"entered twice, by \"\"mistake\"\"\"",
                        "REPORT_RETRACTED,m-7,mc-1,,,,m-1,\"open quote",
                        "",
                        "ARRIVED,m-8,mc-8,UA-14,2022-05-01,,,",
                        "DEPORTATION_REPORTED,m-9,mc-9,UA-14,2022-05-01,ZZZZ,,",
                        "DEPORTATION_REPORTED,,mc-10,UA-14,2022-05-01,,,",
                        "RETURN_CONFIRMED,m-11,mc-11,UA-30,2025-12-01,RU,,"));
        Path jsonl = Files.write(
                dir.resolve("mixed.jsonl"),
                List.of(
                        EventLines.deportation("j-1", "jc-1", "UA-14"),
                        "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"j-2\"}",
                        "not json",
                        "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"j-3\",\"caseId\":\"jc-1\",\"region\":\"UA-14\","
                                + "\"occurredOn\":\"2025-12-01\",\"name\":\"x\"}",
                        EventLines.returned("j-4", "jc-1", "UA-14")));

        for (Path file : List.of(csv, jsonl)) {
            StringWriter err = new StringWriter();
            int exit = Reunify.commandLine()
                    .setOut(new PrintWriter(new StringWriter()))
                    .setErr(new PrintWriter(err))
                    .execute("publish", "--agency", agency, "--dry-run", file.toString());
            Curl.Answer gateway = curl.post(
                    GatewayClient.api(http, agency, "dryRun=true"),
                    login(agency),
                    file,
                    file.toString().endsWith(".csv") ? CSV : NDJSON);

            Set<String> byPublish = refusals(err.toString(), file);
            Set<String> byGateway = new TreeSet<>();
            gateway.json()
                    .path("refused")
                    .forEach(refusal -> byGateway.add(refusal.path("line").asInt() + ": "
                            + refusal.path("reason").asText()));
            assertThat(exit).isEqualTo(1);
            assertThat(gateway.status()).isEqualTo(422);
            assertThat(byGateway)
                    .as("refused by the gateway, as by reunify publish, in %s", file)
                    .isEqualTo(byPublish);
            assertThat(byGateway).hasSizeGreaterThan(2);
        }
    }

    private static void attempt(String who, String sends, String expected, Curl.Answer answer) {
        JsonNode json = answer.body().startsWith("{") ? read(answer.body()) : JSON.createObjectNode();
        String error = json.has("lines")
                ? json.path("status").asText() + ", " + json.path("lines")
                : json.path("error").asText(answer.body());
        ATTEMPTS.append(String.format(
                "| %s | %s | %s | %d in %d ms: %s |%n",
                who, sends, expected, answer.status(), answer.took().toMillis(), error.replace("|", "\\|")));
    }

    private static Set<String> refusals(String stderr, Path file) {
        Pattern line = Pattern.compile(Pattern.quote(file.toString()) + ":(\\d+): (.*)");
        Set<String> refused = new TreeSet<>();
        stderr.lines().forEach(text -> {
            Matcher matcher = line.matcher(text);
            if (matcher.matches()) {
                refused.add(matcher.group(1) + ": " + matcher.group(2));
            }
        });
        return refused;
    }

    private static String login(String agency) {
        return GatewayClient.userAndPassword(reunify.login(Principals.agencyUser(agency)));
    }

    private static long onTopic(String agency) {
        return GatewayClient.records(reunify.client("auditor"), Topics.eventsTopic(agency));
    }

    /** The gateway still takes a login and a small upload. */
    private static void assertGatewayAnswers(String agency) throws Exception {
        Path file = Files.write(
                dir.resolve(agency + "-check.jsonl"), List.of(EventLines.deportation("ok-1", "ok-1", "UA-14")));
        assertThat(curl.post(GatewayClient.api(http, agency, "dryRun=true"), login(agency), file, NDJSON)
                        .status())
                .isEqualTo(200);
    }

    private static Map<String, Long> lines(Curl.Answer answer) {
        Map<String, Long> lines = new HashMap<>();
        answer.json()
                .path("lines")
                .fields()
                .forEachRemaining(
                        field -> lines.put(field.getKey(), field.getValue().asLong()));
        return lines;
    }

    /**
     * The figures of the regions {@link #history()} reports in, which no other test of the class publishes to: the
     * national figure counts the other tests' events too, in any order of the tests.
     */
    private static Map<String, String> ownRegions(Map<String, String> figures) {
        Map<String, String> own = new TreeMap<>(figures);
        own.keySet().retainAll(Set.of(HISTORY_REGIONS));
        return own;
    }

    /**
     * Deportations, returns, a move between regions and a retraction, over several cases; their ids hold letters no
     * upload id or digest does, so that a receipt holding one could not pass unseen.
     */
    private static List<String> history() {
        List<String> lines = new ArrayList<>();
        String[] regions = HISTORY_REGIONS;
        for (int i = 1; i <= 20; i++) {
            lines.add(EventLines.deportation("nv-" + i, "case-" + i, regions[i % regions.length]));
        }
        for (int i = 1; i <= 6; i++) {
            lines.add(EventLines.returned("nv-r" + i, "case-" + i, regions[i % regions.length]));
        }
        lines.add(EventLines.deportation("nv-m1", "case-7", HISTORY_REGIONS[5]));
        lines.add(EventLines.retraction("nv-x1", "case-8", "nv-8", "entered twice"));
        return lines;
    }

    /** The same events as CSV, as a spreadsheet saves it on Windows: a byte order mark, CRLF line ends. */
    private static byte[] csvWithBomAndCrlf(List<String> jsonLines) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (String line : jsonLines) {
            JsonNode event = read(line);
            csv.append(List.of(HEADER.split(",")).stream()
                            .map(field -> cell(event.path(field).asText("")))
                            .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String readAll(SSLSocket socket) {
        try (InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "connection closed: " + e.getMessage();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static long median(List<Long> millis) {
        return millis.stream().sorted().toList().get(millis.size() / 2);
    }
}
