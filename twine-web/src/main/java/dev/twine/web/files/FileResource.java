package dev.twine.web.files;

import dev.twine.bytes.Bytes;
import dev.twine.web.ErrorPage;
import dev.twine.web.Rendered;
import dev.twine.web.Request;
import dev.twine.web.Resource;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A resource that serves the files under a directory (Twisted's {@code static.File}): the rest
 * of the request path, after where the resource sits in the tree, names a file or directory
 * under the root.
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("static", new FileResource(Path.of("/srv/www"),
 *     FileOptions.DEFAULT.withListDirectories(false)));
 * reactor.listenTcp(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>It answers {@code GET} and {@code HEAD} (and {@code OPTIONS}; other methods get 405):
 *
 * <ul>
 *   <li>A file: 200 with its {@code Content-Type} from {@link FileOptions#mimeTypes()}, {@code
 *       Content-Length}, {@code ETag}, {@code Last-Modified} and {@code Accept-Ranges: bytes}.
 *       A {@code Range} on {@code GET} gets 206 with one range, or {@code
 *       multipart/byteranges} with several, or 416 with <code>Content-Range: bytes &#42;/size</code>
 *       when the file has none of the bytes asked; see {@link RangeHeader}
 *       for what is ignored. {@code If-Range} lets a stale range fall back to the whole file.
 *       Conditional requests get 304 or 412 as {@link Validators} describes. An empty file is
 *       always sent whole.
 *   <li>A directory asked without the final {@code /}: 301 to the same path with it, so that
 *       relative links work. With the {@code /}: the first of {@link FileOptions#indexNames()}
 *       that is a file, else an HTML listing, else (listings off) 403.
 *   <li>Anything else: 404, the same as for a missing file. A path that tries to leave the root
 *       gets 404 or 400 as {@link Root} describes.
 * </ul>
 *
 * <p>The body goes out in slices, paused while the client reads slowly; on a plain TCP or UNIX
 * connection the slices go from the file system to the socket without being copied ({@code
 * FileChannel.transferTo}); over TLS they are read into memory a slice at a time. The file is
 * opened once per response, so a response is not mixed from two versions of a file that is
 * replaced by a rename while it is sent; a file truncated while it is sent makes the server
 * abort the connection, since the client could not tell.
 *
 * <p>The resource is a {@linkplain #isLeaf() leaf}: it has no children of its own. It reads the
 * file system on the reactor thread, as Twisted's does, which suits local disks; put files on a
 * slow network file system behind something else.
 */
public final class FileResource extends Resource {
  private final Root root;
  private final FileOptions options;

  /** Serves {@code directory} with {@link FileOptions#DEFAULT}. */
  public FileResource(Path directory) {
    this(directory, FileOptions.DEFAULT);
  }

  /**
   * Serves {@code directory} with {@code options}.
   *
   * @throws IllegalArgumentException if {@code directory} is not a directory
   * @throws UncheckedIOException if its real path cannot be read
   */
  public FileResource(Path directory, FileOptions options) {
    Objects.requireNonNull(directory, "directory");
    this.options = Objects.requireNonNull(options, "options");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("a FileResource serves a directory: " + directory);
    }
    try {
      this.root = new Root(directory, options.followLinksOutside());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the real path of " + directory, e);
    }
    on(HttpMethod.GET, this::serve);
  }

  /** Returns the directory served, absolute. */
  public Path directory() {
    return root.directory();
  }

  /** Returns the options it serves with. */
  public FileOptions options() {
    return options;
  }

  /** Returns true: the rest of the request path names a file under the root. */
  @Override
  public boolean isLeaf() {
    return true;
  }

  /**
   * Refuses children: the files under the root are the children of this resource.
   *
   * @throws IllegalStateException always
   */
  @Override
  public Resource putChild(String name, Resource child) {
    throw new IllegalStateException("a FileResource serves its directory and has no children;"
        + " put \"" + name + "\" next to it instead");
  }

  private Rendered serve(Request request) throws IOException {
    Root.Lookup lookup = root.resolve(request.postpath());
    if (lookup instanceof Root.Refused refused) {
      return ErrorPage.respond(request, refused.status(), refused.reason());
    }
    Root.Found found = (Root.Found) lookup;
    Path path = found.path();
    BasicFileAttributes attributes;
    try {
      if (!root.allows(path)) {
        return notFound(request);
      }
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (FileSystemException e) {
      return notFound(request);
    }
    if (attributes.isDirectory()) {
      return found.directoryWanted() ? directory(request, path) : slash(request);
    }
    if (!attributes.isRegularFile() || found.directoryWanted()) {
      return notFound(request);
    }
    return file(request, path, attributes);
  }

  /** Redirects to the same path with a final {@code /}. */
  private static Rendered slash(Request request) {
    String location = request.path() + "/" + request.query().map(query -> "?" + query).orElse("");
    request.setResponseCode(301);
    request.setHeader("Location", location);
    request.setHeader("Content-Type", "text/html; charset=utf-8");
    return Rendered.body("<!DOCTYPE html>\n<html><body><a href=\""
        + ErrorPage.escape(location) + "\">Moved here.</a></body></html>\n");
  }

  private Rendered directory(Request request, Path path) throws IOException {
    for (String name : options.indexNames()) {
      Path index = path.resolve(name);
      try {
        BasicFileAttributes attributes = Files.readAttributes(index, BasicFileAttributes.class);
        if (attributes.isRegularFile() && root.allows(index)) {
          return file(request, index, attributes);
        }
      } catch (FileSystemException e) {
        // not this one: try the next
      }
    }
    if (!options.listDirectories()) {
      return ErrorPage.respond(request, 403, "This directory cannot be listed.");
    }
    List<String> segments = request.segments();
    String shown = "/" + String.join("/", segments);
    request.setHeader("Content-Type", "text/html; charset=utf-8");
    return Rendered.body(DirectoryListing.html(shown, DirectoryListing.read(path),
        request.postpath().size() > 1));
  }

  private Rendered file(Request request, Path path, BasicFileAttributes attributes)
      throws IOException {
    Validators validators = Validators.of(attributes);
    switch (validators.evaluate(request)) {
      case NOT_MODIFIED -> {
        request.setResponseCode(304);
        setValidators(request, validators);
        return Rendered.body(Bytes.EMPTY);
      }
      case PRECONDITION_FAILED -> {
        return ErrorPage.respond(request, 412, "A precondition of the request failed.");
      }
      case PROCEED -> { }
    }
    long size = attributes.size();
    boolean get = request.method().equals(HttpMethod.GET);
    RangeHeader.Result ranges = new RangeHeader.Ignored();
    if (get && size > 0 && validators.rangeApplies(request)) {
      ranges = request.header("Range").map(value -> RangeHeader.parse(value, size))
          .orElse(ranges);
    }
    if (ranges instanceof RangeHeader.Unsatisfiable) {
      request.setHeader("Content-Range", "bytes */" + size);
      return ErrorPage.respond(request, 416, "The file has none of the bytes asked for.");
    }
    FileChannel file = null;
    if (get) {
      try {
        file = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return notFound(request);
      } catch (AccessDeniedException e) {
        return ErrorPage.respond(request, 403, "The file cannot be read.");
      }
    }
    setValidators(request, validators);
    request.setHeader("Accept-Ranges", "bytes");
    List<FileBody.Piece> body = body(request, ranges,
        options.mimeTypes().typeOf(path.getFileName().toString()), size);
    if (file == null) {
      return Rendered.body(Bytes.EMPTY);
    }
    FileBody.send(request, file, body);
    return Rendered.streaming();
  }

  private static void setValidators(Request request, Validators validators) {
    request.setHeader("ETag", validators.etag());
    request.setHeader("Last-Modified", validators.lastModifiedHeader());
  }

  /** Sets the status and the headers of the body {@code ranges} call for, and returns it. */
  private static List<FileBody.Piece> body(Request request, RangeHeader.Result ranges,
      String type, long size) {
    switch (ranges) {
      case RangeHeader.Satisfiable some when some.ranges().size() == 1 -> {
        ByteRange range = some.ranges().get(0);
        request.setResponseCode(206);
        request.setHeader("Content-Type", type);
        request.setHeader("Content-Range", range.contentRange(size));
        request.setHeader("Content-Length", Long.toString(range.length()));
        return List.of(new FileBody.Region(range.first(), range.length()));
      }
      case RangeHeader.Satisfiable some -> {
        MultipartRanges multipart = MultipartRanges.of(some.ranges(), type, size);
        request.setResponseCode(206);
        request.setHeader("Content-Type", multipart.contentType());
        request.setHeader("Content-Length", Long.toString(multipart.length()));
        return multipart.pieces();
      }
      case RangeHeader.Ignored all -> {
        request.setHeader("Content-Type", type);
        request.setHeader("Content-Length", Long.toString(size));
        return List.of(new FileBody.Region(0, size));
      }
      case RangeHeader.Unsatisfiable none ->
          throw new IllegalStateException("an unsatisfiable range has no body");
    }
  }

  private static Rendered notFound(Request request) {
    return ErrorPage.respond(request, 404, "No such file.");
  }
}
