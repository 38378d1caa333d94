package dev.twine.benchmarks.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 keep-alive request and its whole response over a blocking connection: what the
 * start-up and idle-memory workloads need, without a client library that would cost memory or
 * start-up time of its own.
 */
final class HttpExchange {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3}) ");
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding:.*chunked");

  private HttpExchange() {}

  /**
   * Sends {@code GET path} to {@code out} and reads the response from {@code in} to its end;
   * returns its status code. The connection stays open.
   *
   * @throws IOException if the connection fails or closes before the response ends, or the
   *     response is not HTTP/1.x with a length or chunked body
   */
  static int get(InputStream in, OutputStream out, String path) throws IOException {
    String request = "GET " + path + " HTTP/1.1\r\nHost: " + Session.HOST + "\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder received = new StringBuilder();
    byte[] buffer = new byte[4096];
    while (true) {
      int headEnd = received.indexOf("\r\n\r\n");
      if (headEnd >= 0) {
        String head = received.substring(0, headEnd);
        Matcher status = STATUS.matcher(head);
        if (!status.find()) {
          throw new IOException("not an HTTP/1.x response: " + head.lines().findFirst().orElse(""));
        }
        if (complete(head, received.length() - headEnd - 4, received)) {
          return Integer.parseInt(status.group(1));
        }
      }
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("connection closed after " + received.length() + " bytes of response");
      }
      received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
  }

  private static boolean complete(String head, int bodyBytes, StringBuilder received)
      throws IOException {
    Matcher length = LENGTH.matcher(head);
    if (length.find()) {
      return bodyBytes >= Integer.parseInt(length.group(1));
    }
    if (CHUNKED.matcher(head).find()) {
      return received.toString().endsWith("\r\n0\r\n\r\n");
    }
    throw new IOException("response without Content-Length or chunked body: "
        + head.toLowerCase(Locale.ROOT).lines().findFirst().orElse(""));
  }
}
