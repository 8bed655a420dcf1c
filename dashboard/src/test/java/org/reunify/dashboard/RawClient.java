package org.reunify.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP over a plain socket, as a broken or hostile client speaks it: any {@code Host}, half a request, or a request
 * and then no reading at all. From any loopback address ({@code 127.0.0.2} is another client than {@code 127.0.0.1}).
 */
public final class RawClient implements AutoCloseable {

    /** A response's status line and headers, and the body read to the end of the connection if asked for. */
    public record Response(int status, String head, String body) {

        public Optional<String> header(String name) {
            return head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        }
    }

    private final Socket socket = new Socket();
    private final InputStream in;

    private RawClient(URI server, String from, int receiveBuffer) throws IOException {
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** Connects, and sends nothing yet. */
    public static RawClient connect(URI server, String from) throws IOException {
        return new RawClient(server, from, 0);
    }

    /** Connects with the smallest receive window the system gives: a client that will not read fills it at once. */
    public static RawClient connectNotReading(URI server, String from) throws IOException {
        return new RawClient(server, from, 1);
    }

    /** One GET for {@code host} on a new connection, answered and closed: the whole response. */
    public static Response get(URI server, String from, String path, String host) throws IOException {
        try (RawClient client = connect(server, from)) {
            client.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            Response head = client.readHead();
            return new Response(head.status(), head.head(), new String(client.readToEnd(), StandardCharsets.UTF_8));
        }
    }

    public RawClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads a response's status line and headers, nothing more. */
    public Response readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before the end of the response head: " + head);
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return new Response(Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4)), text, "");
    }

    /** Everything until the server closes the connection (or resets it), failing if it stays open {@code quiet}. */
    public byte[] readToEnd(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        return readToEnd();
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the server kept the connection open, silent, for " + socket.getSoTimeout() + " ms", e);
        } catch (SocketException reset) {
            // Closed by the server with data of ours unread: a reset is a close too.
        }
        return all.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
