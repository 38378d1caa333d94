package dev.twine.cli.commands;

import dev.twine.web.Rendered;
import dev.twine.web.Request;
import dev.twine.web.Resource;
import dev.twine.web.http.Headers;

/**
 * A wrapper for {@code twine web --add-header}: adds the given fields to every response of the
 * leaf resource it wraps, the files or a proxy (Twisted's {@code twist web --add-header}), error
 * pages included.
 */
final class AddHeaders extends Resource {
  private final Resource wrapped;
  private final Headers headers;

  AddHeaders(Resource wrapped, Headers headers) {
    if (!wrapped.isLeaf()) {
      throw new IllegalArgumentException("only a leaf resource can be wrapped: " + wrapped);
    }
    this.wrapped = wrapped;
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
    return wrapped.render(request);
  }
}
