package org.reunify.dashboard.http;

import java.nio.file.Path;

/**
 * The key and certificate an HTTPS port serves: a PKCS12 keystore and its password (never printed).
 *
 * @param file the keystore, such as the one {@code reunify up --tls} makes for its broker
 */
public record TlsKeystore(Path file, String password) {

    @Override
    public String toString() {
        return "TlsKeystore[file=" + file + ", password=(hidden)]";
    }
}
