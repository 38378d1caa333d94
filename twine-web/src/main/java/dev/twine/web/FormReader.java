package dev.twine.web;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.web.http.Headers;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) into a {@link Form} as it arrives: each
 * part must have a {@code Content-Disposition: form-data} with a {@code name}; a part with a
 * {@code filename} is a file, spooled to memory or a temporary file, any other is a field whose
 * value is decoded with the charset of its {@code Content-Type} (UTF-8 when it names none, or
 * one this JVM does not know). Names and file names are decoded as UTF-8, as browsers send
 * them. {@code Content-Transfer-Encoding}, which RFC 7578 deprecates, is ignored.
 */
final class FormReader extends UploadReader<Form> implements MultipartParser.Handler {
  private final UploadOptions options;
  private final Consumer<Path> temporaryFiles;
  private final MultipartParser parser;
  private final Map<String, List<String>> fields = new LinkedHashMap<>();
  private final Map<String, List<UploadedFile>> files = new LinkedHashMap<>();
  private String name = "";
  private String filename = "";
  private String contentType = "";
  private Charset charset = StandardCharsets.UTF_8;
  private @Nullable Buffer field;
  private @Nullable Spooler file;

  /**
   * Creates a reader of a body with {@code boundary} that follows {@code options} and names each
   * temporary file it makes to {@code temporaryFiles}.
   *
   * @throws HttpError with 400 if the boundary is not valid
   */
  FormReader(SharedOutcome<Form> result, String boundary, UploadOptions options,
      Consumer<Path> temporaryFiles) {
    super(result);
    this.options = options;
    this.temporaryFiles = temporaryFiles;
    this.parser = new MultipartParser(
        boundary, options.maxParts(), options.maxPartHeaderSize(), this);
  }

  @Override
  void received(Bytes data) {
    parser.feed(data);
  }

  @Override
  Form ended() {
    parser.end();
    return new Form(Form.freeze(fields), Form.freeze(files));
  }

  @Override
  void discard() {
    Spooler current = file;
    file = null;
    if (current != null) {
      current.discard();
    }
  }

  @Override
  public void partStarted(Headers headers) {
    String disposition = headers.first("Content-Disposition")
        .orElseThrow(() -> new HttpError(400, "A form part has no Content-Disposition."));
    HeaderValue parsed = HeaderValue.parse("Content-Disposition", disposition);
    if (!parsed.value().equals("form-data")) {
      throw new HttpError(400, "A form part is not form-data.");
    }
    name = utf8(parsed.parameter("name")
        .orElseThrow(() -> new HttpError(400, "A form part has no name.")));
    String type = headers.first("Content-Type").orElse("");
    String sentName = parsed.parameter("filename").orElse(null);
    if (sentName != null) {
      filename = utf8(sentName);
      contentType = type.isEmpty() ? "application/octet-stream" : type;
      file = new Spooler(options, temporaryFiles);
    } else {
      charset = type.isEmpty() ? StandardCharsets.UTF_8
          : charset(HeaderValue.parse("Content-Type", type).parameter("charset").orElse(""));
      field = new Buffer();
    }
  }

  @Override
  public void partData(Bytes data) {
    Spooler spooler = file;
    if (spooler != null) {
      spooler.write(data);
      return;
    }
    Buffer value = field;
    if (value != null) {
      if (value.size() + data.size() > options.maxFieldSize()) {
        throw new HttpError(413, "The form field \"" + name + "\" is larger than "
            + options.maxFieldSize() + " bytes.");
      }
      value.write(data);
    }
  }

  @Override
  public void partEnded() {
    Spooler spooler = file;
    Buffer value = field;
    file = null;
    field = null;
    if (spooler != null) {
      files.computeIfAbsent(name, n -> new ArrayList<>(1))
          .add(new UploadedFile(name, filename, contentType, spooler.finish()));
    } else if (value != null) {
      fields.computeIfAbsent(name, n -> new ArrayList<>(1))
          .add(value.readAll().string(charset));
    }
  }

  /** Returns header text, whose characters stand for bytes, decoded as UTF-8. */
  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static Charset charset(String name) {
    try {
      return name.isEmpty() ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
