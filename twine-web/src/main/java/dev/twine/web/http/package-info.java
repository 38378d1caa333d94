/**
 * The HTTP/1.1 codec shared by Twine's server and client: a strict, incremental parser of
 * requests ({@link dev.twine.web.http.RequestParser}) and responses ({@link
 * dev.twine.web.http.ResponseParser}), the {@link dev.twine.web.http.Headers} they produce, and
 * the {@link dev.twine.web.http.MessageEncoder} that writes messages.
 *
 * <p>The parsers follow RFC 9110 and RFC 9112 to the letter where leniency lets two programs
 * disagree on where a message ends (request smuggling): bare CR or LF, obs-fold, Content-Length
 * with Transfer-Encoding, signed or differing lengths and loose chunk sizes are refused with the
 * status code a server answers them with.
 */
@NullMarked
package dev.twine.web.http;

import org.jspecify.annotations.NullMarked;
