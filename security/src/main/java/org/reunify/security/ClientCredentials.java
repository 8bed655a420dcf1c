package org.reunify.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A SCRAM-SHA-512 user name and password, and the Kafka client settings that log in with them. The password never
 * appears in {@link #toString()}.
 */
public record ClientCredentials(String user, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final Pattern JAAS =
            Pattern.compile(Pattern.quote(LOGIN_MODULE) + " required username=\"([^\"]+)\" password=\"([^\"]+)\";");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ClientCredentials {
        if (!user.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a user name is letters, digits, '.', '_' and '-', not '" + user + "'");
        }
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            // Kafka's storage formatter cannot take ',' or ']' in a bootstrap password; quotes would break the JAAS
            // line.
            throw new IllegalArgumentException("a password is at least 16 characters of [A-Za-z0-9_-]");
        }
    }

    /** A fresh user credential: 256 random bits, URL-safe Base64. */
    public static ClientCredentials generate(String user) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ClientCredentials(
                user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The credentials in client properties written by {@link #saslSettings()}. */
    public static ClientCredentials from(Properties properties, String where) {
        String jaas = properties.getProperty(SaslConfigs.SASL_JAAS_CONFIG, "");
        Matcher matcher = JAAS.matcher(jaas.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(where + " holds no SCRAM login written by reunify");
        }
        return new ClientCredentials(matcher.group(1), matcher.group(2));
    }

    /** The client settings that log in as this user; the connection's security protocol is set apart. */
    public Map<String, String> saslSettings() {
        return Map.of(
                SaslConfigs.SASL_MECHANISM,
                MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG,
                LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** The Kafka principal the broker sees. */
    public String principal() {
        return Principals.principal(user);
    }

    @Override
    public String toString() {
        return "ClientCredentials[user=" + user + ", password=(hidden)]";
    }
}
