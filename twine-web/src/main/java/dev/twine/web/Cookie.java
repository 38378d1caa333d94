package dev.twine.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cookie to set on the client with a {@code Set-Cookie} header (RFC 6265 section 4.1): a name,
 * a value and the attributes that scope it. Immutable: each {@code with} method returns a copy.
 *
 * <pre>{@code
 * request.addCookie(Cookie.of("session", token)
 *     .withPath("/")
 *     .withMaxAge(Duration.ofHours(8))
 *     .withSecure(true)
 *     .withHttpOnly(true)
 *     .withSameSite(Cookie.SameSite.LAX));
 * }</pre>
 *
 * <p>A cookie without {@code Max-Age} lasts until the browser closes; {@code Max-Age} zero
 * deletes it. Browsers ignore {@code SameSite=None} without {@code Secure}.
 *
 * <p>Names are tokens; values are cookie-octets (visible ASCII without {@code "}, {@code ,},
 * {@code ;} and {@code \}), which keeps any value from adding attributes; encode other values,
 * for example in base64url. Invalid names, values and attributes fail with {@link
 * IllegalArgumentException} naming the character.
 */
public final class Cookie {
  /** Whether the browser sends the cookie with requests started by other sites. */
  public enum SameSite {
    /** Only with requests from the same site. */
    STRICT("Strict"),
    /** With requests from the same site and top-level navigations from others. */
    LAX("Lax"),
    /** With every request; needs {@code Secure}. */
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
      this.attribute = attribute;
    }

    /** Returns the attribute's value, such as {@code Lax}. */
    @Override
    public String toString() {
      return attribute;
    }
  }

  private final String name;
  private final String value;
  private final @Nullable String path;
  private final @Nullable String domain;
  private final @Nullable Duration maxAge;
  private final boolean secure;
  private final boolean httpOnly;
  private final @Nullable SameSite sameSite;

  private Cookie(String name, String value, @Nullable String path, @Nullable String domain,
      @Nullable Duration maxAge, boolean secure, boolean httpOnly, @Nullable SameSite sameSite) {
    this.name = name;
    this.value = value;
    this.path = path;
    this.domain = domain;
    this.maxAge = maxAge;
    this.secure = secure;
    this.httpOnly = httpOnly;
    this.sameSite = sameSite;
  }

  /**
   * Returns a cookie named {@code name} holding {@code value}, with no attributes.
   *
   * @throws IllegalArgumentException if the name is empty or not a token, or the value has a
   *     character other than cookie-octets
   */
  public static Cookie of(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("cookie name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        throw bad("name", name, i);
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
        throw bad("value", value, i);
      }
    }
    return new Cookie(name, value, null, null, null, false, false, null);
  }

  /** Returns a copy limited to paths under {@code path}, such as {@code /}. */
  public Cookie withPath(String path) {
    return new Cookie(name, value, attribute("path", path), domain, maxAge, secure, httpOnly,
        sameSite);
  }

  /** Returns a copy sent to {@code domain} and its subdomains, such as {@code example.com}. */
  public Cookie withDomain(String domain) {
    return new Cookie(name, value, path, attribute("domain", domain), maxAge, secure, httpOnly,
        sameSite);
  }

  /**
   * Returns a copy that expires {@code maxAge} after it is received, counted in whole seconds;
   * zero deletes the cookie.
   *
   * @throws IllegalArgumentException if {@code maxAge} is negative
   */
  public Cookie withMaxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("Max-Age must not be negative: " + maxAge);
    }
    return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
  }

  /** Returns a copy that the browser sends over HTTPS only ({@code true}) or over any scheme. */
  public Cookie withSecure(boolean secure) {
    return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
  }

  /** Returns a copy hidden from scripts ({@code true}) or not. */
  public Cookie withHttpOnly(boolean httpOnly) {
    return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
  }

  /** Returns a copy with the {@code SameSite} attribute. */
  public Cookie withSameSite(SameSite sameSite) {
    Objects.requireNonNull(sameSite, "sameSite");
    return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Returns the value. */
  public String value() {
    return value;
  }

  /** Returns the {@code Path} attribute, if set. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** Returns the {@code Domain} attribute, if set. */
  public Optional<String> domain() {
    return Optional.ofNullable(domain);
  }

  /** Returns the {@code Max-Age}, if set. */
  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }

  /** Returns whether the cookie has the {@code Secure} attribute. */
  public boolean secure() {
    return secure;
  }

  /** Returns whether the cookie has the {@code HttpOnly} attribute. */
  public boolean httpOnly() {
    return httpOnly;
  }

  /** Returns the {@code SameSite} attribute, if set. */
  public Optional<SameSite> sameSite() {
    return Optional.ofNullable(sameSite);
  }

  /**
   * Returns the value of the {@code Set-Cookie} header that sets this cookie, such as {@code
   * id=a3f; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax}.
   */
  public String headerValue() {
    StringBuilder header = new StringBuilder(name).append('=').append(value);
    if (path != null) {
      header.append("; Path=").append(path);
    }
    if (domain != null) {
      header.append("; Domain=").append(domain);
    }
    if (maxAge != null) {
      header.append("; Max-Age=").append(maxAge.getSeconds());
    }
    if (secure) {
      header.append("; Secure");
    }
    if (httpOnly) {
      header.append("; HttpOnly");
    }
    if (sameSite != null) {
      header.append("; SameSite=").append(sameSite);
    }
    return header.toString();
  }

  private static String attribute(String what, String text) {
    Objects.requireNonNull(text, what);
    if (text.isEmpty()) {
      throw new IllegalArgumentException("cookie " + what + " must not be empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' || c >= 0x7f || c == ';') {
        throw bad(what, text, i);
      }
    }
    return text;
  }

  private static IllegalArgumentException bad(String what, String text, int index) {
    return new IllegalArgumentException(String.format(
        "cookie %s \"%s\" has a character that is not allowed: U+%04X at index %d",
        what, text, (int) text.charAt(index), index));
  }

  /** Returns whether {@code other} is a cookie with the same name, value and attributes. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Cookie that && headerValue().equals(that.headerValue());
  }

  @Override
  public int hashCode() {
    return headerValue().hashCode();
  }

  /** Returns the {@link #headerValue()}. */
  @Override
  public String toString() {
    return headerValue();
  }
}
