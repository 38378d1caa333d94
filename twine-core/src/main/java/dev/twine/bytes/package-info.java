/**
 * Immutable {@link dev.twine.bytes.Bytes} values and the growable {@link dev.twine.bytes.Buffer}
 * that framing protocols consume from.
 */
@NullMarked
package dev.twine.bytes;

import org.jspecify.annotations.NullMarked;
