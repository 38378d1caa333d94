/**
 * Steps of Twisted's finger tutorial ("The Evolution of Finger"), from reading a user name and
 * answering an error, through a factory holding users, to {@code Deferred} lookups and users
 * read from a file.
 */
@NullMarked
package dev.twine.examples.finger;

import org.jspecify.annotations.NullMarked;
