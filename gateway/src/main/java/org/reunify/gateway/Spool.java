package org.reunify.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An upload's body, taken off the connection into an owner-only file as it arrives, a buffer at a time: bounded memory
 * whatever its size. It is read twice from there (checked, then published), so that {@code atomic=all} publishes
 * nothing of a file with a refused line, and a file of any length costs disk, not heap. Limits, each refused as it is
 * passed: the size on the wire, the size once gzip is undone (a "gzip bomb" stops there), and the pace.
 */
final class Spool {

    private static final int BUFFER = 64 * 1024;

    /** The body as the agency's file: its bytes on disk, how many, and their SHA-256 (hex). */
    record Spooled(Path file, long bytes, String sha256) {}

    /** A body beyond a limit: what it broke. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final GatewayLimits limits;
    private final Path dir;

    Spool(GatewayLimits limits, Path dir) {
        this.limits = limits;
        this.dir = dir;
    }

    /**
     * Reads the body to its end into a new file; deletes the file if it fails.
     *
     * @throws Refused {@code 413} past a size limit, {@code 408} slower than the least pace, {@code 400} for gzip that
     *     is not
     */
    Spooled take(InputStream body, boolean gzip) throws IOException, Refused {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(
                dir,
                "upload-",
                ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Paced wire = new Paced(body);
            long bytes;
            try (InputStream content = new DigestInputStream(gzip ? gunzip(wire) : wire, sha);
                    OutputStream out = Files.newOutputStream(file)) {
                bytes = copy(content, out, wire);
            }
            return new Spooled(file, bytes, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("every Java platform has SHA-256", e);
        } catch (IOException | Refused | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static InputStream gunzip(InputStream wire) throws Refused {
        try {
            return new GZIPInputStream(wire, BUFFER);
        } catch (IOException e) {
            throw new Refused(400, "the body is not gzip, as its Content-Encoding says (" + e.getMessage() + ")");
        }
    }

    private long copy(InputStream content, OutputStream out, Paced wire) throws IOException, Refused {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (true) {
            int read;
            try {
                read = content.read(buffer);
            } catch (ZipException e) {
                throw new Refused(400, "the body is not valid gzip (" + e.getMessage() + ")");
            }
            if (read < 0) {
                return total;
            }
            total += read;
            if (total > limits.maxBodyBytes()) {
                throw new Refused(
                        413, "the body is over " + limits.maxBodyBytes() + " bytes once decompressed: split the file");
            }
            wire.check();
            out.write(buffer, 0, read);
        }
    }

    /** The body as it comes off the connection: its size and pace checked at every read. */
    private final class Paced extends InputStream {

        private final InputStream in;
        private final long started = System.nanoTime();
        private long bytes;

        Paced(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                bytes += read;
            }
            return read;
        }

        void check() throws Refused {
            if (bytes > limits.maxBodyBytes()) {
                throw new Refused(413, "the body is over " + limits.maxBodyBytes() + " bytes: split the file");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (seconds > limits.uploadGrace().toSeconds() && bytes < limits.minUploadBytesPerSecond() * seconds) {
                throw new Refused(
                        408,
                        "the body arrives at less than " + limits.minUploadBytesPerSecond()
                                + " bytes a second: the upload is cut off");
            }
        }
    }
}
