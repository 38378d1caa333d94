package dev.twine.web.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twine.bytes.Bytes;
import java.io.IOException;

/**
 * Treq's JSON, with Jackson: kept in a class of its own so that code which never asks for JSON
 * runs without Jackson on the class path.
 */
final class JsonCodec {
  private final ObjectMapper mapper;

  JsonCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Returns a codec with a default {@link ObjectMapper}.
   *
   * @throws IllegalStateException if Jackson is not on the class path
   */
  static JsonCodec standard() {
    try {
      return new JsonCodec(new ObjectMapper());
    } catch (NoClassDefFoundError missing) {
      throw new IllegalStateException("JSON needs com.fasterxml.jackson.core:jackson-databind on"
          + " the class path (or module path)", missing);
    }
  }

  Bytes write(Object value) throws IOException {
    return Bytes.wrap(mapper.writeValueAsBytes(value));
  }

  <T> T read(Bytes json, Class<T> type) throws IOException {
    return mapper.readValue(json.toByteArray(), type);
  }
}
