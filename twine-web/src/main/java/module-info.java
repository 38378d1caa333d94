/**
 * Twine's web: the HTTP/1.1 codec shared by server and client ({@code dev.twine.web.http}) and
 * the HTTP client ({@code dev.twine.web.client}). Jackson is optional: only the JSON helpers of
 * {@code Treq} need it.
 */
module dev.twine.web {
  requires transitive dev.twine.core;
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.databind;

  exports dev.twine.web.client;
  exports dev.twine.web.http;
}
