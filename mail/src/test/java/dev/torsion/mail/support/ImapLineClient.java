package dev.torsion.mail.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare IMAP client over a socket for tests: sends lines, reads responses with their literals. */
public final class ImapLineClient implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public ImapLineClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        readLine();
    }

    /** Sends {@code tag command} and returns every response up to the tagged one, literals included. */
    public String command(String tag, String command) throws IOException {
        send(tag + " " + command + "\r\n");
        StringBuilder all = new StringBuilder();
        while (true) {
            String response = readResponse();
            all.append(response);
            if (response.startsWith(tag + " ")) {
                return all.toString();
            }
        }
    }

    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One response: a line, and any literals it announces with the lines after them. */
    public String readResponse() throws IOException {
        StringBuilder response = new StringBuilder();
        String line = readLine();
        response.append(line);
        Matcher m = LITERAL.matcher(line.stripTrailing());
        while (m.find()) {
            byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
            response.append(new String(literal, StandardCharsets.ISO_8859_1));
            line = readLine();
            response.append(line);
            m = LITERAL.matcher(line.stripTrailing());
        }
        return response.toString();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
