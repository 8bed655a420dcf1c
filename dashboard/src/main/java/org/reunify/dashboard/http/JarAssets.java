package org.reunify.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A page's files, served from the jar: only names of the given form (no path, no step up), each with the type of its
 * extension; anything else is {@code 404}.
 *
 * @param owner the class whose jar holds them
 * @param directory where they lie in it, as {@code /org/reunify/dashboard/www/}
 * @param names the file names served, e.g. {@code [a-z0-9-]+\.(html|css|js)}
 * @param types content type by extension
 */
public record JarAssets(Class<?> owner, String directory, Pattern names, Map<String, String> types) {

    public void send(Response response, Callback callback, String name) {
        InputStream asset = names.matcher(name).matches() ? owner.getResourceAsStream(directory + name) : null;
        if (asset == null) {
            Replies.send(
                    response,
                    callback,
                    404,
                    "text/plain; charset=utf-8",
                    ("not found: /" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body;
        try (asset) {
            body = asset.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + name + " from the jar", e);
        }
        Replies.send(response, callback, 200, types.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }
}
