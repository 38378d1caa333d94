package dev.twine.benchmarks.run;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What every cell of one run shares: the options, the repository root, the JVM and its
 * options, the cores, a temporary directory with the static file and the TLS certificate, and
 * the log directory; it starts servers and load pinned to their cores.
 */
final class Session {
  /** Every server listens on, and every load connects to, this loopback address. */
  static final String HOST = "127.0.0.1";

  /** The name of the static file under {@link #files()}: 1 MiB of random bytes. */
  static final String STATIC_FILE = "file-1m.bin";

  private final RunOptions options;
  private final Path root;
  private final Path work;
  private final Path logs;
  private final Pinning pinning;
  private final List<String> javaOpts;
  private final Map<String, Optional<String>> pythons = new HashMap<>();
  private @Nullable Path tls;

  Session(RunOptions options, Path root, Path work, Pinning pinning) throws IOException {
    this.options = options;
    this.root = root;
    this.work = work;
    this.logs = Files.createDirectories(options.out().resolve("logs"));
    this.pinning = pinning;
    String opts = System.getenv().getOrDefault("JAVA_OPTS", "").strip();
    this.javaOpts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path files = Files.createDirectories(work.resolve("files"));
    byte[] content = new byte[1 << 20];
    new Random(1).nextBytes(content);
    Files.write(files.resolve(STATIC_FILE), content);
  }

  RunOptions options() {
    return options;
  }

  Path root() {
    return root;
  }

  Path work() {
    return work;
  }

  /** Returns the directory holding {@link #STATIC_FILE}, shared by every peer. */
  Path files() {
    return work.resolve("files");
  }

  Pinning pinning() {
    return pinning;
  }

  /** Returns the options in {@code JAVA_OPTS}, which every JVM of the run is given. */
  List<String> javaOpts() {
    return javaOpts;
  }

  /** Returns the log file named {@code name} in the results' {@code logs} directory. */
  Path log(String name) {
    return logs.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  /**
   * Returns the path of executable {@code program} in a directory of {@code PATH} or in {@code
   * /usr/sbin} (nginx's place on Debian), if there is one.
   */
  static Optional<Path> program(String program) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.add("/usr/sbin");
    return dirs.stream()
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Returns a TCP port that was free a moment ago and whose UDP port is free too. */
  int freePort() throws IOException {
    while (true) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        try (DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getByName(HOST))) {
          return tcp.getLocalPort();
        } catch (IOException taken) {
          // The UDP port is in use: try another.
        }
      }
    }
  }

  /**
   * Returns the command running {@code mainClass} of the benchmarks jar on this JVM with {@code
   * JAVA_OPTS}, allowed the native access Netty's epoll transport needs.
   *
   * @throws CellException unavailable, if the class is not in the jar
   */
  List<String> javaMain(String mainClass, List<String> args) throws CellException {
    try {
      Class.forName(mainClass, false, Session.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw CellException.unavailable(mainClass.substring(mainClass.lastIndexOf('.') + 1)
          + " is not in benchmarks.jar");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(javaOpts);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    return command;
  }

  /** Returns the command running {@code ./twine} with {@code args}. */
  List<String> twine(List<String> args) {
    List<String> command = new ArrayList<>(List.of(root.resolve("twine").toString()));
    command.addAll(args);
    return command;
  }

  /**
   * Returns the command running Python script {@code script} (relative to the root) with a
   * Python that has {@code module}.
   *
   * @throws CellException unavailable, if the script or such a Python is missing
   */
  List<String> python(String script, String module, List<String> args)
      throws CellException, InterruptedException {
    Path path = root.resolve(script);
    if (!Files.isRegularFile(path)) {
      throw CellException.unavailable(script + " is missing");
    }
    Optional<String> python = pythons.get(module);
    if (python == null) {
      python = findPython(module);
      pythons.put(module, python);
    }
    List<String> command = new ArrayList<>(List.of(
        python.orElseThrow(() -> CellException.unavailable("no python3 with " + module
            + " (apt-get install python3-" + module + ")")),
        path.toString()));
    command.addAll(args);
    return command;
  }

  private Optional<String> findPython(String module) throws InterruptedException {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import " + module)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        if (probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
        probe.destroyForcibly();
      } catch (IOException absent) {
        // Not installed here: try the next one.
      }
    }
    return Optional.empty();
  }

  /**
   * Runs {@code ./twine --version} once, so that the launcher builds twine-cli and trains its
   * start-up cache before any server starts: two launchers building at once would race.
   *
   * @throws CellException failed, if the launcher fails or takes more than ten minutes
   */
  void buildTwine() throws CellException, InterruptedException {
    BoundedRun.run(twine(List.of("--version")), log("twine-build"), 600).succeeded("./twine --version");
  }

  /**
   * Returns the directory holding {@code cert.pem} and {@code key.pem}, made with {@code twine
   * cert} on first use.
   *
   * @throws CellException failed, if {@code twine cert} fails
   */
  Path tls() throws CellException, InterruptedException {
    if (tls == null) {
      Path dir = work.resolve("tls");
      BoundedRun.run(twine(List.of("cert", "--out", dir.toString())), log("twine-cert"), 120)
          .succeeded("twine cert");
      tls = dir;
    }
    return tls;
  }

  /** Starts {@code command} on the server cores and waits until it is ready on {@code port}. */
  ServerProcess startServer(String name, List<String> command, Readiness readiness, int port,
      int reactors) throws CellException, InterruptedException {
    return ServerProcess.start(Pinning.pinned(Optional.of(pinning.serverCores(reactors)), command),
        log(name + "-server"), readiness, port);
  }

  /**
   * Runs {@code command} on the load cores, stopping it after the warm-up, the duration and 30
   * more seconds.
   */
  BoundedRun runLoad(String name, List<String> command, int reactors)
      throws CellException, InterruptedException {
    long limit = options.warmupSeconds() + options.durationSeconds() + 30;
    return BoundedRun.run(Pinning.pinned(pinning.loadCores(reactors), command), log(name + "-load"),
        limit);
  }
}
