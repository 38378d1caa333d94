package dev.twine.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The nginx peer: a configuration written into its own directory, serving TechEmpower's
 * plaintext and JSON responses with {@code return 200} and the run's files under {@code /files/},
 * run in the foreground ({@code daemon off}) with its pid file and error log in that directory.
 */
final class NginxConfig {
  private NginxConfig() {}

  /**
   * Writes the configuration for {@code workers} worker processes on {@code port} into {@code
   * dir} and returns the command that runs nginx with it.
   */
  static List<String> write(String nginx, Path dir, int port, int workers, Path files)
      throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, """
        daemon off;
        master_process on;
        worker_processes %d;
        worker_rlimit_nofile 65536;
        pid %s/nginx.pid;
        error_log %s/error.log warn;
        events {
          worker_connections 16384;
        }
        http {
          access_log off;
          sendfile on;
          tcp_nopush on;
          keepalive_requests 100000000;
          keepalive_timeout 300s;
          client_body_temp_path %s/tmp/body;
          proxy_temp_path %s/tmp/proxy;
          fastcgi_temp_path %s/tmp/fastcgi;
          uwsgi_temp_path %s/tmp/uwsgi;
          scgi_temp_path %s/tmp/scgi;
          server {
            listen 127.0.0.1:%d backlog=4096;
            location = /plaintext {
              default_type text/plain;
              return 200 "Hello, World!";
            }
            location = /json {
              default_type application/json;
              return 200 '{"message":"Hello, World!"}';
            }
            location /files/ {
              alias %s/;
            }
          }
        }
        """.formatted(workers, dir, dir, dir, dir, dir, dir, dir, port, files));
    return List.of(nginx, "-p", dir.toString(), "-c", conf.toString(), "-e",
        dir.resolve("error.log").toString());
  }
}
