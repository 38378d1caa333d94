package dev.twine.web.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against nginx, run in the foreground with a configuration written for the test: the
 * files, {@code return 301} for {@code /old}, {@code return 200} for {@code /echo}, and gzip on.
 * Skipped when nginx is not installed.
 */
@Timeout(60)
class NginxTest implements RealServerContract {
  @TempDir
  static Path prefix;

  private static PeerServer nginx;

  private final ReactorThread loop = new ReactorThread();
  private final ConnectionPool pool = loop.call(() -> new ConnectionPool(loop.reactor));

  @BeforeAll
  static void startNginx() throws Exception {
    Optional<Path> binary = Stream.concat(
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(Path::of),
            Stream.of(Path.of("/usr/sbin")))
        .map(directory -> directory.resolve("nginx")).filter(Files::isExecutable).findFirst();
    assumeTrue(binary.isPresent(), "install nginx (apt-get install nginx) to run this test");
    Path files = Files.createDirectories(prefix.resolve("www"));
    RealServerContract.writeFiles(files);
    int port = PeerServer.freePort();
    Path conf = Files.writeString(prefix.resolve("nginx.conf"), configuration(port, files));
    nginx = PeerServer.start(List.of(binary.get().toString(), "-p", prefix.toString(), "-c",
        conf.toString(), "-g", "daemon off; master_process on; pid " + prefix.resolve("nginx.pid")
            + "; error_log stderr;"), port);
  }

  /** Returns the configuration of nginx serving {@code files} on 127.0.0.1:{@code port}. */
  private static String configuration(int port, Path files) throws IOException {
    Path temp = Files.createDirectories(prefix.resolve("temp"));
    String user = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
    return user + """
        worker_processes 1;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          types { text/plain txt; application/octet-stream bin; }
          gzip on;
          gzip_types text/plain;
          gzip_min_length 1000;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
            location = /old { return 301 /hello.txt; }
            location = /echo {
              client_max_body_size 1m;
              default_type text/plain;
              return 200 "$request_method $content_length\\n";
            }
          }
        }
        """.formatted(temp, port, files);
  }

  @AfterAll
  static void stopNginx() throws InterruptedException {
    if (nginx != null) {
      nginx.close();
    }
  }

  @Override
  public PeerServer server() {
    return nginx;
  }

  @Override
  public ReactorThread loop() {
    return loop;
  }

  @Override
  public ConnectionPool pool() {
    return pool;
  }
}
