package org.reunify.dashboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Whole answers: a status, a type and a body, written without holding the thread while the client takes them. */
public final class Replies {

    public static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Replies() {}

    public static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public static void json(Response response, Callback callback, int status, String json) {
        send(response, callback, status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message}} with the status. */
    public static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, errorJson(message));
    }

    /** {@code {"error": message}} and a line end. */
    public static String errorJson(String message) {
        return MAPPER.createObjectNode().put("error", message) + "\n";
    }
}
