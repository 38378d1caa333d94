/**
 * The commands built into {@code twine}: {@code echo}, {@code chat}, {@code get} and {@code cert}.
 * Not API.
 */
@NullMarked
package dev.twine.cli.commands;

import org.jspecify.annotations.NullMarked;
