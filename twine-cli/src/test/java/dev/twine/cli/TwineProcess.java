package dev.twine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code twine} command in a child JVM, started with this test's class path so that it
 * runs the code under test. Its stderr (the log) and stdout are collected line by line; every wait
 * is bounded. {@link #close} kills it if it is still alive.
 */
final class TwineProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern LISTENING = Pattern.compile("listening on TCP:127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Output stderr;
  private final Output stdout;

  private TwineProcess(Process process) {
    this.process = process;
    this.stderr = new Output(process.getErrorStream(), "twine-stderr");
    this.stdout = new Output(process.getInputStream(), "twine-stdout");
  }

  /** Starts {@code twine args...}. */
  static TwineProcess start(String... args) throws IOException {
    return start(List.of(), args);
  }

  /** Starts {@code twine args...} in a JVM given {@code jvmOptions}, such as {@code -Xmx64m}. */
  static TwineProcess start(List<String> jvmOptions, String... args) throws IOException {
    return startUnder(List.of(), jvmOptions, args);
  }

  /**
   * Starts {@code twine args...} through {@code wrapper}, a command that execs the rest of its
   * arguments, such as {@code prlimit --nofile=128:128}, in a JVM given {@code jvmOptions}.
   */
  static TwineProcess startUnder(List<String> wrapper, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new TwineProcess(new ProcessBuilder(command).start());
  }

  /** Returns the java of the JVM running the tests, which is the JDK the build selected. */
  static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the next {@code listening on TCP:127.0.0.1:PORT} log line and returns the port. */
  int awaitPort() throws InterruptedException {
    Matcher matcher = LISTENING.matcher(stderr.awaitLine(LISTENING));
    assertThat(matcher.find()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  /** Waits for a stderr line that {@code pattern} finds something in, and returns the line. */
  String awaitLog(Pattern pattern) throws InterruptedException {
    return stderr.awaitLine(pattern);
  }

  /** Sends SIGTERM, leaving the output streams open to read what twine logs while it stops. */
  void terminate() {
    process.toHandle().destroy();
  }

  /** Sends {@code signal}, such as {@code "INT"}, with {@code kill}. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** Waits for the process to exit and returns its exit code; fails the test if it does not. */
  int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("twine did not exit within " + within + "; stderr:\n" + stderr());
    }
    stderr.awaitEnd();
    stdout.awaitEnd();
    return process.exitValue();
  }

  String stderr() {
    return stderr.text();
  }

  String stdout() {
    return stdout.text();
  }

  /** Kills the process if it is still alive and waits, a bounded time, for it to be gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One output stream of the process, read by its own thread into lines. */
  private static final class Output {
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private int consumed;

    Output(InputStream in, String name) {
      this.reader = Thread.ofPlatform().daemon().name(name).start(() -> read(in));
    }

    private void read(InputStream in) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (this) {
            lines.add(line);
            notifyAll();
          }
        }
      } catch (IOException closed) {
        // close() killed the process and closed its streams: there is nothing more to read.
      } finally {
        synchronized (this) {
          notifyAll();
        }
      }
    }

    /** Returns the first line after the ones already awaited that {@code pattern} finds in. */
    synchronized String awaitLine(Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        while (consumed < lines.size()) {
          String line = lines.get(consumed++);
          if (pattern.matcher(line).find()) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!reader.isAlive() && consumed == lines.size())) {
          return fail("no line matching " + pattern + " within " + WAIT + "; got:\n" + text());
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    void awaitEnd() throws InterruptedException {
      reader.join(WAIT.toMillis());
    }

    synchronized String text() {
      return String.join("\n", lines);
    }
  }
}
