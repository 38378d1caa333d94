package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.files.FileOptions;
import dev.twine.web.files.FileResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No request path leads a {@link FileResource} out of its root. */
@TwineTest
class FileTraversalTest {
  @TempDir Path dir;
  private Path root;

  /**
   * Lays out {@code dir/secret.txt} outside the root {@code dir/www}, which holds {@code
   * public.txt}, a link to it, a link out to the secret, and {@code sub/}.
   */
  @BeforeEach
  void layOut() throws IOException {
    root = dir.resolve("www");
    FileSite.write(dir.resolve("secret.txt"), "SECRET");
    FileSite.write(root.resolve("public.txt"), "public");
    FileSite.write(root.resolve("sub/inner.txt"), "inner");
    Files.createSymbolicLink(root.resolve("inside-link"), root.resolve("public.txt"));
    Files.createSymbolicLink(root.resolve("outside-link"), Path.of("../secret.txt"));
    Files.createSymbolicLink(root.resolve("outside-dir"), dir);
  }

  @Test
  void everyAttemptToLeaveTheRootIsRefused(Clock clock) {
    Resource tree = new Resource().putChild("files", new FileResource(root));
    FileSite site = new FileSite(clock, tree);
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("/files/../secret.txt", 404);
    expected.put("/files/%2e%2e/secret.txt", 404);
    expected.put("/files/%2E%2E/%2e%2e/secret.txt", 404);
    expected.put("/files/.%2e/secret.txt", 404);
    expected.put("/files/..%2fsecret.txt", 404);
    expected.put("/files/%2e%2e%2fsecret.txt", 404);
    expected.put("/files/sub%2f..%2f..%2fsecret.txt", 404);
    expected.put("/files/%2fetc%2fpasswd", 404);
    expected.put("/files/..%5csecret.txt", 404);
    expected.put("/files/sub\\..\\..\\secret.txt", 400);
    expected.put("/files/%5c..%5csecret.txt", 404);
    expected.put("/files//secret.txt", 404);
    expected.put("/files/public.txt%00.html", 400);
    expected.put("/files/%00", 400);
    expected.put("/files/C:%5csecret.txt", 404);
    expected.put("/files/c:/secret.txt", 404);
    expected.put("/files/outside-link", 404);
    expected.put("/files/outside-dir/secret.txt", 404);
    expected.put("/files/outside-dir/", 404);
    expected.put("/files/sub/../../secret.txt", 404);
    expected.put("http://a/files/../../secret.txt", 404);

    Map<String, Integer> actual = new LinkedHashMap<>();
    for (String target : expected.keySet()) {
      Wire.Response response = site.get(target);
      assertThat(response.body()).as(target).doesNotContain("SECRET");
      actual.put(target, response.status());
    }

    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  @Test
  void linksInsideTheRootAreFollowed(Clock clock) {
    FileSite site = new FileSite(clock, new FileResource(root));

    assertThat(site.get("/inside-link").body()).isEqualTo("public");
    assertThat(site.get("/sub/inner.txt").body()).isEqualTo("inner");
    assertThat(site.get("/sub/./inner.txt").body()).isEqualTo("inner");
  }

  @Test
  void linksOutsideAreFollowedOnlyWhenAllowed(Clock clock) {
    FileSite site = new FileSite(clock,
        new FileResource(root, FileOptions.DEFAULT.withFollowLinksOutside(true)));

    assertThat(site.get("/outside-link").body()).isEqualTo("SECRET");
    assertThat(site.get("/outside-dir/secret.txt").body()).isEqualTo("SECRET");
    assertThat(site.get("/../secret.txt").status()).isEqualTo(404);
  }
}
