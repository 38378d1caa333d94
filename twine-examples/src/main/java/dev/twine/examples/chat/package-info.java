/** A line-based chat server (Twisted's {@code LineReceiver} chat from "Writing Servers"). */
@NullMarked
package dev.twine.examples.chat;

import org.jspecify.annotations.NullMarked;
