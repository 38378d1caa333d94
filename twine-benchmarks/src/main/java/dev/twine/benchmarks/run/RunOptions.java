package dev.twine.benchmarks.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The options of {@code bench/run}, parsed once from the command line.
 *
 * @param only which workloads run: those whose name the pattern finds
 * @param peers which peers run, as {@code --peers} entries (see {@link Peer#selectedBy})
 * @param durationSeconds how long each measurement lasts
 * @param warmupSeconds how long each peer is loaded before it is measured
 * @param startupRuns how many times each peer is started in one sample of the start-up workload
 *     (the best counts)
 * @param repeat how many samples of every cell are taken, in rounds over the peers (the median
 *     is reported)
 * @param out the directory the results are written to
 * @param reactors the event-loop thread counts to run everything with, in order
 */
record RunOptions(
    Pattern only,
    List<String> peers,
    int durationSeconds,
    int warmupSeconds,
    int startupRuns,
    int repeat,
    Path out,
    List<Integer> reactors) {

  static final String USAGE = "usage: bench/run [--only REGEX] [--peers twine,netty,...]"
      + " [--duration S] [--warmup S] [--repeat N] [--quick] [--out DIR] [--reactors 1,2,...]";

  /** The most samples {@code --repeat} takes of a cell. */
  static final int MAX_REPEAT = 99;

  private static final List<String> VALUE_OPTIONS =
      List.of("--only", "--peers", "--duration", "--warmup", "--repeat", "--out", "--reactors");

  RunOptions {
    peers = List.copyOf(peers);
    reactors = List.copyOf(reactors);
  }

  /** Returns whether workload {@code name} is selected by {@code --only}. */
  boolean runs(String name) {
    return only.matcher(name).find();
  }

  /** Returns whether {@code peer} is selected by {@code --peers}. */
  boolean runs(Peer peer) {
    return peers.stream().anyMatch(peer::selectedBy);
  }

  /**
   * Parses {@code args}; {@code defaultOut} is the output directory when there is no {@code --out}.
   *
   * @throws IllegalArgumentException naming the option and the value, when an option is unknown,
   *     lacks its value or has a bad one
   */
  static RunOptions parse(List<String> args, Path defaultOut) {
    Pattern only = Pattern.compile("");
    List<String> peers = Arrays.stream(Peer.values()).map(Peer::label).toList();
    int duration = 10;
    int warmup = 3;
    boolean quick = false;
    boolean durationGiven = false;
    boolean warmupGiven = false;
    Path out = defaultOut;
    int repeat = 1;
    List<Integer> reactors = List.of(1);
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.equals("--quick")) {
        quick = true;
        continue;
      }
      if (!option.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + option);
      }
      if (!VALUE_OPTIONS.contains(option)) {
        throw new IllegalArgumentException("unknown option: " + option);
      }
      if (i + 1 == args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args.get(++i);
      switch (option) {
        case "--only" -> only = pattern(value);
        case "--peers" -> peers = peers(value);
        case "--duration" -> {
          duration = seconds(option, value, 1);
          durationGiven = true;
        }
        case "--warmup" -> {
          warmup = seconds(option, value, 0);
          warmupGiven = true;
        }
        case "--repeat" -> repeat = repeat(value);
        case "--out" -> out = Path.of(value);
        case "--reactors" -> reactors = counts(value);
        default -> throw new IllegalStateException("option without a case: " + option);
      }
    }
    if (quick) {
      duration = durationGiven ? duration : 2;
      warmup = warmupGiven ? warmup : 1;
    }
    return new RunOptions(only, peers, duration, warmup, quick ? 2 : 5, repeat, out, reactors);
  }

  private static Pattern pattern(String value) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--only is not a regular expression: " + value);
    }
  }

  private static List<String> peers(String value) {
    List<String> names = new ArrayList<>();
    for (String name : value.split(",", -1)) {
      if (Arrays.stream(Peer.values()).noneMatch(peer -> peer.selectedBy(name))) {
        throw new IllegalArgumentException("--peers: unknown peer \"" + name + "\"; known: "
            + Arrays.stream(Peer.values()).map(Peer::label).collect(Collectors.joining(",")));
      }
      names.add(name);
    }
    return names;
  }

  private static int seconds(String option, String value, int min) {
    int seconds = integer(option, value);
    if (seconds < min || seconds > 3600) {
      throw new IllegalArgumentException(option + " must be from " + min + " to 3600 seconds, got "
          + value);
    }
    return seconds;
  }

  private static int repeat(String value) {
    int repeat = integer("--repeat", value);
    if (repeat < 1 || repeat > MAX_REPEAT) {
      throw new IllegalArgumentException("--repeat must be from 1 to " + MAX_REPEAT + ", got " + value);
    }
    return repeat;
  }

  private static List<Integer> counts(String value) {
    List<Integer> counts = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      int count = integer("--reactors", part);
      if (count < 1 || count > 256 || counts.contains(count)) {
        throw new IllegalArgumentException(
            "--reactors needs distinct counts from 1 to 256, got " + value);
      }
      counts.add(count);
    }
    return counts;
  }

  private static int integer(String option, String value) {
    if (!value.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(option + " needs a whole number, got \"" + value + "\"");
    }
    return Integer.parseInt(value);
  }
}
