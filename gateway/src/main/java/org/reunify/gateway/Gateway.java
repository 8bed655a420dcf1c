package org.reunify.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.reunify.dashboard.http.JarAssets;
import org.reunify.dashboard.http.Replies;
import org.reunify.dashboard.http.WebServer;
import org.reunify.producers.InputFormat;
import org.reunify.schemas.DaemonThreads;
import org.reunify.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: agencies publish their files over HTTP(S) with their own logins (docs/DESIGN.md "Publishing over
 * HTTPS"). {@code POST /api/v1/agencies/{agency}/events} takes JSON Lines or CSV and answers with a receipt;
 * {@code GET /api/v1/agencies/{agency}/receipts/{id}} gives a receipt again; {@code GET /api/v1/login} checks a login;
 * {@code /publish} is the page that does the same for a person. Served by a {@link WebServer}, beside the dashboard
 * or alone.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1/";
    private static final String PAGE = "/publish";
    private static final JarAssets ASSETS = new JarAssets(
            Gateway.class,
            "/org/reunify/gateway/www/",
            Pattern.compile("[a-z0-9-]+\\.(html|css|js)"),
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "js", "text/javascript; charset=utf-8"));
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern UPLOAD_ID = Pattern.compile("u-[0-9a-f-]{36}");
    /** Checking and publishing a large file can take a while with nothing said to the client meanwhile. */
    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(10);
    /** Logins checked at once: each costs a producer and a SCRAM exchange with the broker. */
    private static final int LOGINS_AT_ONCE = 4;

    private final GatewayLimits limits;
    private final AgencyLogins logins;
    private final PublishedEvents published;
    private final ReceiptLog receipts;
    private final Spool spool;
    private final Publication publication;
    private final UploadSlots slots;
    private final Semaphore loginChecks = new Semaphore(LOGINS_AT_ONCE);
    private final ScheduledExecutorService refusals =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gateway-refusals"));

    private Gateway(GatewaySettings settings, ReceiptLog receipts) {
        this.limits = settings.limits();
        this.logins = new AgencyLogins(settings.clientConfig(), settings.secured());
        this.published = new PublishedEvents(settings.clientConfig());
        this.receipts = receipts;
        this.spool = new Spool(limits, settings.spoolDir());
        this.publication = new Publication(limits);
        this.slots = new UploadSlots(limits);
    }

    /** Opens the receipts (creating their topic if need be): ready to be {@linkplain #serveOn served}. */
    public static Gateway start(GatewaySettings settings) {
        return new Gateway(settings, ReceiptLog.open(settings.clientConfig(), settings.replication()));
    }

    /**
     * Why the gateway may not serve on {@code web}, if it may not: beyond this machine only with logins (on an open
     * cluster anyone who reached it could publish as any agency) and only over TLS (a login is a password).
     */
    public static Optional<String> refusalToServe(WebServer web, boolean secured) {
        if (web.isLoopbackOnly()) {
            return Optional.empty();
        }
        if (!secured) {
            return Optional.of("on an open cluster the gateway serves this machine only (--http-host 127.0.0.1): "
                    + "without logins, anyone who reached it could publish as any agency");
        }
        if (!web.isTls()) {
            return Optional.of("beyond this machine the gateway takes agencies' passwords over HTTPS only: "
                    + "reunify up --secure --tls, or reunify gateway --tls-keystore");
        }
        return Optional.empty();
    }

    /** Serves the API under {@code /api/v1/} and the page at {@code /publish}. */
    public void serveOn(WebServer web) {
        web.serve(API, this::api);
        web.serve(PAGE, (request, response, callback) -> {
            ASSETS.send(response, callback, "publish.html");
            return true;
        });
        web.serve(PAGE + "/", (request, response, callback) -> {
            ASSETS.send(response, callback, Request.getPathInContext(request).substring(PAGE.length() + 1));
            return true;
        });
    }

    private boolean api(Request request, Response response, Callback callback) {
        long arrived = System.nanoTime();
        String[] path =
                Request.getPathInContext(request).substring(API.length()).split("/", -1);
        try {
            if (path.length == 1 && path[0].equals("login")) {
                requireMethod(request, HttpMethod.GET);
                whoIsIt(request, response, callback, arrived);
            } else if (path.length == 3 && path[0].equals("agencies") && path[2].equals("events")) {
                requireMethod(request, HttpMethod.POST);
                upload(request, response, callback, agency(path[1]), arrived);
            } else if (path.length == 4 && path[0].equals("agencies") && path[2].equals("receipts")) {
                requireMethod(request, HttpMethod.GET);
                receipt(request, response, callback, agency(path[1]), path[3], arrived);
            } else {
                Replies.error(response, callback, 404, "no such API: " + Request.getPathInContext(request));
            }
        } catch (Answer answer) {
            answer.send(response, callback);
        } catch (RuntimeException | IOException e) {
            LOG.error("gateway request {} failed", Request.getPathInContext(request), e);
            Replies.error(response, callback, 500, "the gateway failed: " + e.getMessage());
        }
        return true;
    }

    /** {@code GET /api/v1/login}: whether the login is right, and which agency it publishes for. */
    private void whoIsIt(Request request, Response response, Callback callback, long arrived) throws Answer {
        if (!logins.secured()) {
            Replies.json(
                    response,
                    callback,
                    200,
                    JSON.createObjectNode().putNull("agency").putNull("login").put("secured", false) + "\n");
            return;
        }
        String agency = claimedAgency(request.getHeaders().get(HttpHeader.AUTHORIZATION), response, callback, arrived);
        if (agency == null) {
            return;
        }
        try (AgencyLogins.Login login = login(request, response, callback, agency, arrived)) {
            if (login != null) {
                Replies.json(
                        response,
                        callback,
                        200,
                        JSON.createObjectNode()
                                        .put("agency", login.agency())
                                        .put("login", login.user())
                                        .put("secured", true)
                                + "\n");
            }
        }
    }

    /** The agency a Basic login names, or null after answering {@code 401} for one that names none. */
    private String claimedAgency(String authorization, Response response, Callback callback, long arrived) {
        try {
            return AgencyLogins.agencyOf(authorization);
        } catch (AgencyLogins.Refused refused) {
            refuseLater(response, callback, refused, arrived);
            return null;
        }
    }

    private void upload(Request request, Response response, Callback callback, String agency, long arrived)
            throws Answer, IOException {
        Optional<String> crossSite = crossSite(request);
        if (crossSite.isPresent()) {
            throw new Answer(403, crossSite.get());
        }
        InputFormat format = format(request);
        boolean gzip = gzip(request);
        Fields query = Request.extractQueryParameters(request);
        boolean dryRun = "true".equals(query.getValue("dryRun"));
        Upload.Atomic atomic;
        try {
            atomic = Upload.Atomic.of(
                    Optional.ofNullable(query.getValue("atomic")).orElse("all"));
        } catch (IllegalArgumentException e) {
            throw new Answer(400, e.getMessage());
        }
        String key = request.getHeaders().get("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new Answer(400, "an Idempotency-Key is 1 to 128 of A-Z a-z 0-9 . _ : -");
        }
        Optional<ReceiptLog.Entry> confirms = confirms(query.getValue("confirm"), agency, dryRun);
        long length = request.getLength();
        if (length > limits.maxBodyBytes()) {
            throw new Answer(413, "the body is " + length + " bytes, over the limit of " + limits.maxBodyBytes());
        }
        try (AgencyLogins.Login login = login(request, response, callback, agency, arrived)) {
            if (login == null) {
                return;
            }
            Optional<UploadSlots.Busy> busy = slots.take(agency, System.nanoTime());
            if (busy.isPresent()) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, busy.get().retryAfterSeconds());
                throw new Answer(busy.get().status(), busy.get().message());
            }
            try {
                Upload upload = new Upload(
                        Upload.newId(),
                        agency,
                        login.user(),
                        Request.getRemoteAddr(request),
                        format,
                        gzip,
                        dryRun,
                        atomic,
                        key,
                        confirms.map(ReceiptLog.Entry::uploadId).orElse(null));
                publish(request, response, callback, upload, login, confirms);
            } finally {
                slots.release(agency);
            }
        }
    }

    private void publish(
            Request request,
            Response response,
            Callback callback,
            Upload upload,
            AgencyLogins.Login login,
            Optional<ReceiptLog.Entry> confirms)
            throws Answer, IOException {
        Instant receivedAt = Instant.now();
        Spool.Spooled body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = spool.take(in, upload.gzip());
        } catch (Spool.Refused refused) {
            throw new Answer(refused.status, refused.getMessage());
        }
        request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(PROCESSING_TIMEOUT.toMillis());
        try {
            if (confirms.isPresent() && !confirms.get().sha256().equals(body.sha256())) {
                throw new Answer(
                        409,
                        "these bytes are not those checked in " + confirms.get().uploadId() + " (SHA-256 "
                                + confirms.get().sha256() + "): check them again");
            }
            if (upload.idempotencyKey() != null && !upload.dryRun()) {
                Optional<ReceiptLog.Entry> first = receipts.byIdempotencyKey(upload.agency(), upload.idempotencyKey());
                if (first.isPresent()) {
                    replay(response, callback, first.get(), body);
                    return;
                }
            }
            Optional<PublishedEvents.History> history = published.of(upload.agency());
            if (history.isEmpty()) {
                throw new Answer(
                        404,
                        "agency " + upload.agency() + " has no topic (" + Topics.eventsTopic(upload.agency())
                                + "): reunify agency add " + upload.agency());
            }
            Receipt receipt = new Receipt(upload, receivedAt, limits.refusalsListed());
            receipt.body(body.bytes(), body.sha256());
            Receipt.Outcome outcome;
            try {
                outcome = publication.run(upload, body, history.get(), login.producer(), receipt, receivedAt);
            } catch (Publication.TooManyLines e) {
                throw new Answer(413, e.getMessage());
            }
            String json = receipt.toJson();
            receipts.append(upload.id(), json);
            LOG.info(
                    "upload {} of agency {} from {}: {}",
                    upload.id(),
                    upload.agency(),
                    upload.client(),
                    outcome.status);
            response.getHeaders().put(HttpHeader.LOCATION, receiptPath(upload.agency(), upload.id()));
            Replies.json(response, callback, outcome.httpStatus, json + "\n");
        } finally {
            Files.deleteIfExists(body.file());
        }
    }

    /** The first receipt for the key, again, for the same bytes; {@code 409} for others. */
    private void replay(Response response, Callback callback, ReceiptLog.Entry first, Spool.Spooled body)
            throws Answer, IOException {
        if (!first.sha256().equals(body.sha256())) {
            throw new Answer(409, "this Idempotency-Key was used for other bytes, in upload " + first.uploadId());
        }
        String json = receipts.read(first);
        int status = Receipt.Outcome.ofStatus(JSON.readTree(json).path("status").asText()).httpStatus;
        response.getHeaders().put(HttpHeader.LOCATION, receiptPath(first.agency(), first.uploadId()));
        response.getHeaders().put("Idempotent-Replayed", "true");
        Replies.json(response, callback, status, json + "\n");
    }

    private void receipt(Request request, Response response, Callback callback, String agency, String id, long arrived)
            throws Answer {
        try (AgencyLogins.Login login = login(request, response, callback, agency, arrived)) {
            if (login == null) {
                return;
            }
            Optional<ReceiptLog.Entry> entry = UPLOAD_ID.matcher(id).matches()
                    ? receipts.byId(id).filter(found -> found.agency().equals(agency))
                    : Optional.empty();
            if (entry.isEmpty()) {
                throw new Answer(404, "agency " + agency + " has no upload " + id);
            }
            Replies.json(response, callback, 200, receipts.read(entry.get()) + "\n");
        }
    }

    private Optional<ReceiptLog.Entry> confirms(String uploadId, String agency, boolean dryRun) throws Answer {
        if (uploadId == null) {
            return Optional.empty();
        }
        if (dryRun) {
            throw new Answer(400, "confirm= publishes what a dry run checked: not with dryRun=true");
        }
        Optional<ReceiptLog.Entry> entry =
                receipts.byId(uploadId).filter(found -> found.agency().equals(agency) && found.dryRun());
        if (entry.isEmpty()) {
            throw new Answer(409, "agency " + agency + " has no dry run " + uploadId + " to confirm");
        }
        return entry;
    }

    /**
     * The login's producer for the agency, or null once a refusal is on its way: {@code 401} no sooner than
     * {@link GatewayLimits#failedLoginDelay()} after the request came, so that an unknown user and a wrong password
     * take the same time.
     */
    private AgencyLogins.Login login(Request request, Response response, Callback callback, String agency, long arrived)
            throws Answer {
        if (!loginChecks.tryAcquire()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
            throw new Answer(503, "the gateway is checking " + LOGINS_AT_ONCE + " logins already");
        }
        try {
            return logins.login(request.getHeaders().get(HttpHeader.AUTHORIZATION), agency);
        } catch (AgencyLogins.Refused refused) {
            refuseLater(response, callback, refused, arrived);
            return null;
        } finally {
            loginChecks.release();
        }
    }

    private void refuseLater(Response response, Callback callback, AgencyLogins.Refused refused, long arrived) {
        if (refused.status != 401) {
            Replies.error(response, callback, refused.status, refused.getMessage());
            return;
        }
        // Not "Basic": a browser would ask for the password itself, keep it, and send it with any request here.
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "AgencyLogin realm=\"reunify gateway\"");
        long remaining = limits.failedLoginDelay().toNanos() - (System.nanoTime() - arrived);
        refusals.schedule(
                () -> Replies.error(response, callback, 401, refused.getMessage()),
                Math.max(0, remaining),
                TimeUnit.NANOSECONDS);
    }

    private static void requireMethod(Request request, HttpMethod method) throws Answer {
        if (!method.is(request.getMethod())) {
            throw new Answer(405, "use " + method + " here").with(HttpHeader.ALLOW.asString(), method.asString());
        }
    }

    private static String agency(String agency) throws Answer {
        if (!Topics.isAgencyId(agency)) {
            throw new Answer(404, "no agency '" + agency + "': agency ids are " + Topics.AGENCY_ID.pattern());
        }
        return agency;
    }

    private static InputFormat format(Request request) throws Answer {
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE))
                .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        for (InputFormat format : InputFormat.values()) {
            if (format.mediaType().equals(type)) {
                return format;
            }
        }
        throw new Answer(415, "send application/x-ndjson (JSON Lines) or text/csv, not '" + type + "'");
    }

    private static boolean gzip(Request request) throws Answer {
        String encoding = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_ENCODING))
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .orElse("identity");
        if (!encoding.equals("gzip") && !encoding.equals("identity")) {
            throw new Answer(415, "the body may be gzip or not encoded, not '" + encoding + "'");
        }
        return encoding.equals("gzip");
    }

    /**
     * Why a request comes from another site's page, if it does. A browser says so ({@code Sec-Fetch-Site},
     * {@code Origin}); a form on another site cannot send the body types the gateway takes anyway.
     */
    private static Optional<String> crossSite(Request request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("a request from another site's page (Sec-Fetch-Site: " + site + ") is refused");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        try {
            URI from = URI.create(origin);
            String authority = from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
            if (from.getHost() != null && authority.equalsIgnoreCase(host)) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // An Origin that is no URI is another site's as much as any.
        }
        return Optional.of("a request from another site's page (Origin: " + origin + ") is refused");
    }

    private static String receiptPath(String agency, String uploadId) {
        return API + "agencies/" + agency + "/receipts/" + uploadId;
    }

    @Override
    public void close() {
        refusals.shutdownNow();
        logins.close();
        receipts.close();
    }

    /** An answer other than a receipt: a status, an error, and headers. */
    private static final class Answer extends Exception {
        private final int status;
        private final Map<String, String> headers = new HashMap<>();

        Answer(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        Answer with(String header, String value) {
            headers.put(header, value);
            return this;
        }

        void send(Response response, Callback callback) {
            headers.forEach((name, value) -> response.getHeaders().put(name, value));
            Replies.error(response, callback, status, getMessage());
        }
    }
}
