/**
 * Static files (Twisted's {@code twisted.web.static}): {@link dev.twine.web.files.FileResource}
 * serves a directory with MIME types, index files, directory listings, byte ranges and
 * conditional requests, never outside its root, and zero-copy on plain connections.
 *
 * <pre>{@code
 * Resource root = new FileResource(Path.of("public"),
 *     FileOptions.DEFAULT.withMimeTypes(MimeTypes.DEFAULT.withType("log", "text/plain")));
 * reactor.listenTcp(8080, new Site(root, reactor));
 * }</pre>
 */
@NullMarked
package dev.twine.web.files;

import org.jspecify.annotations.NullMarked;
