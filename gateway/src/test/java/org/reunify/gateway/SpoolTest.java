package org.reunify.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final byte[] FILE = "{\"type\":\"DEPORTATION_REPORTED\"}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theBodyLandsInAnOwnerOnlyFileWithTheSha256OfTheAgencysFileGzipOrNot() throws Exception {
        Spool spool = new Spool(GatewayLimits.DEFAULT, dir);

        Spool.Spooled plain = spool.take(new ByteArrayInputStream(FILE), false);
        Spool.Spooled gzipped = spool.take(new ByteArrayInputStream(gzip(FILE)), true);

        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(FILE));
        assertThat(plain.sha256()).isEqualTo(sha256).isEqualTo(gzipped.sha256());
        assertThat(Files.readAllBytes(gzipped.file())).isEqualTo(FILE);
        assertThat(plain.bytes()).isEqualTo(FILE.length);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void aBodyPastTheLimitIsRefused413AndLeavesNoFile() throws Exception {
        Spool spool = new Spool(limits(1024, 1), dir);

        Spool.Refused refused = catchThrowableOfType(
                Spool.Refused.class, () -> spool.take(new ByteArrayInputStream(new byte[4096]), false));

        assertThat(refused.status).isEqualTo(413);
        assertThat(refused).hasMessageContaining("1024");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aGzipBombIsRefusedOnceItsContentPassesTheLimitNotAfterInflatingAll() throws Exception {
        byte[] bomb = gzip(new byte[64 << 20]);
        Spool spool = new Spool(limits(1 << 20, 1), dir);

        Spool.Refused refused =
                catchThrowableOfType(Spool.Refused.class, () -> spool.take(new ByteArrayInputStream(bomb), true));

        assertThat(bomb.length).isLessThan(128 * 1024);
        assertThat(refused.status).isEqualTo(413);
        assertThat(refused).hasMessageContaining("decompressed");
    }

    @Test
    void aBodyThatIsNotTheGzipItClaimsIsRefused400() {
        Spool spool = new Spool(GatewayLimits.DEFAULT, dir);

        Spool.Refused refused =
                catchThrowableOfType(Spool.Refused.class, () -> spool.take(new ByteArrayInputStream(FILE), true));

        assertThat(refused.status).isEqualTo(400);
    }

    @Test
    void aBodySlowerThanTheLeastPaceAfterTheGraceIsCutOff408() {
        GatewayLimits limits = new GatewayLimits(1 << 20, 1_000, 10, 1, 1, 1_000_000, Duration.ZERO, Duration.ZERO);
        Spool spool = new Spool(limits, dir);

        Spool.Refused refused = catchThrowableOfType(Spool.Refused.class, () -> spool.take(new Trickle(FILE), false));

        assertThat(refused.status).isEqualTo(408);
    }

    private static GatewayLimits limits(long maxBody, long minRate) {
        return new GatewayLimits(maxBody, 1_000, 10, 1, 1, minRate, Duration.ofMinutes(1), Duration.ZERO);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }

    /** A body that comes a byte per read, each after a millisecond: far below a million bytes a second. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream bytes;

        Trickle(byte[] content) {
            this.bytes = new ByteArrayInputStream(content);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return bytes.read(buffer, offset, Math.min(1, length));
        }
    }
}
