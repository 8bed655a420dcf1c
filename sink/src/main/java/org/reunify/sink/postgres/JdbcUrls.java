package org.reunify.sink.postgres;

import java.util.regex.Pattern;

/**
 * JDBC URLs as logs, messages and command output may show them: with every password they hold replaced by {@code ***}.
 */
final class JdbcUrls {

    /**
     * {@code password=}, {@code sslpassword=} or any other parameter named so, in any case, up to the next parameter.
     */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&][^=&]*password=)[^&]*");
    /** The password of {@code //user:password@host}: up to the authority's last {@code @}. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/?#@:]*):[^/?#]*@");

    private JdbcUrls() {}

    static String redact(String jdbcUrl) {
        String parameters = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return USERINFO_PASSWORD.matcher(parameters).replaceAll("$1:***@");
    }
}
