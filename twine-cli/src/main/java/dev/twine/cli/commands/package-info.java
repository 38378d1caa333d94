/** The commands built into {@code twine}: {@code echo} and {@code chat}. Not API. */
@NullMarked
package dev.twine.cli.commands;

import org.jspecify.annotations.NullMarked;
