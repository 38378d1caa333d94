package dev.twine.cli.commands;

import dev.twine.web.Rendered;
import dev.twine.web.Request;
import dev.twine.web.Resource;
import dev.twine.web.files.FileResource;
import dev.twine.web.http.Headers;

/**
 * The root of {@code twine web --add-header}: adds the given fields to every response of the
 * files it wraps (Twisted's {@code twist web --add-header}), error pages included.
 */
final class AddHeaders extends Resource {
  private final FileResource files;
  private final Headers headers;

  AddHeaders(FileResource files, Headers headers) {
    this.files = files;
    this.headers = headers.copy();
  }

  @Override
  public boolean isLeaf() {
    return true;
  }

  @Override
  public Rendered render(Request request) throws Exception {
    for (int i = 0; i < headers.size(); i++) {
      request.addHeader(headers.name(i), headers.value(i));
    }
    return files.render(request);
  }
}
