package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The form and the spooled body of one request, read on first use, and the temporary files made
 * for them, which are deleted when the request is done: when its response has finished, or its
 * client has gone ({@link Request#notifyFinish()}). A body still being read then is given up.
 */
final class RequestUploads {
  private static final System.Logger LOG = System.getLogger(RequestUploads.class.getName());

  private final Request request;
  private final List<Path> temporaryFiles = new ArrayList<>(0);
  private @Nullable UploadReader<?> reader;
  private @Nullable SharedOutcome<Form> form;
  private @Nullable SharedOutcome<SpooledBytes> spool;
  private boolean watching;

  RequestUploads(Request request) {
    this.request = request;
  }

  Deferred<Form> form(UploadOptions options) {
    SharedOutcome<Form> known = form;
    if (known != null) {
      return known.next();
    }
    SharedOutcome<Form> shared = new SharedOutcome<>();
    Deferred<Form> first = shared.next();
    Optional<String> type = request.header("Content-Type");
    HeaderValue contentType;
    try {
      contentType = HeaderValue.parse("Content-Type", type.orElse(""));
    } catch (HttpError e) {
      shared.complete(Outcome.failed(Failure.of(e)));
      form = shared;
      return first;
    }
    switch (contentType.value()) {
      case "application/x-www-form-urlencoded" -> request.content().transform(body -> {
        shared.complete(urlEncoded(body));
        return null;
      });
      case "multipart/form-data" -> {
        String boundary = contentType.parameter("boundary").orElse("");
        try {
          read(new FormReader(shared, boundary, options, this::created));
        } catch (HttpError e) {
          shared.complete(Outcome.failed(Failure.of(e)));
        }
      }
      default -> shared.complete(Outcome.success(Form.EMPTY));
    }
    form = shared;
    return first;
  }

  Deferred<SpooledBytes> spooledContent(UploadOptions options) {
    SharedOutcome<SpooledBytes> known = spool;
    if (known != null) {
      return known.next();
    }
    SharedOutcome<SpooledBytes> shared = new SharedOutcome<>();
    Deferred<SpooledBytes> first = shared.next();
    read(new SpoolReader(shared, new Spooler(options, this::created)));
    spool = shared;
    return first;
  }

  private static Outcome<Form> urlEncoded(Outcome<Bytes> body) {
    return switch (body) {
      case Outcome.Success<Bytes> success -> Outcome.success(
          new Form(UrlEncoded.parse(success.value().utf8()), Map.of()));
      case Outcome.Failed<Bytes> failed -> Outcome.failed(failed.failure());
    };
  }

  /**
   * Hands the body to {@code newReader} and deletes the temporary files once the request is
   * done.
   *
   * @throws IllegalStateException if the body is already being delivered, or was thrown away
   */
  private void read(UploadReader<?> newReader) {
    request.deliverBody(newReader);
    reader = newReader;
    if (!watching) {
      watching = true;
      request.notifyFinish().transform(outcome -> {
        requestDone(outcome);
        return null;
      });
    }
  }

  private void created(Path file) {
    temporaryFiles.add(file);
  }

  private void requestDone(Outcome<?> outcome) {
    UploadReader<?> current = reader;
    if (current != null) {
      current.stop(switch (outcome) {
        case Outcome.Failed<?> failed -> failed.failure();
        case Outcome.Success<?> success -> Failure.of(new CancelledException(
            "the response to " + request + " finished before its body was read"));
      });
    }
    for (Path file : temporaryFiles) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not delete the temporary file " + file, e);
      }
    }
    temporaryFiles.clear();
  }
}
