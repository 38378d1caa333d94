/**
 * Services: long-running parts of a program that start and stop together (Twisted's
 * {@code twisted.application.service}), such as a server listening on an endpoint or a client
 * that keeps a connection up.
 */
@NullMarked
package dev.twine.application;

import org.jspecify.annotations.NullMarked;
