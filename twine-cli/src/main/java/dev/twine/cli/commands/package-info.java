/** The commands built into {@code twine}: {@code echo}, {@code chat} and {@code get}. Not API. */
@NullMarked
package dev.twine.cli.commands;

import org.jspecify.annotations.NullMarked;
