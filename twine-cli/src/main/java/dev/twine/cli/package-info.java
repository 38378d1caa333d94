/**
 * The {@code twine} command line (Twisted's {@code twist} and {@code twistd}): {@link
 * dev.twine.cli.Main} parses the arguments with picocli, finds the subcommand among the {@link
 * dev.twine.cli.TwineCommand} services, and runs the service tree it builds on a reactor until
 * Ctrl-C or SIGTERM.
 */
@NullMarked
package dev.twine.cli;

import org.jspecify.annotations.NullMarked;
