/**
 * The side-by-side benchmark orchestrator behind {@code bench/run}: {@link
 * dev.twine.benchmarks.run.BenchRun} starts each peer server (Twine, Netty, Vert.x, Twisted,
 * nginx) pinned to its own cores, drives it with {@code wrk} or one of the load generators of
 * {@code dev.twine.benchmarks.load}, stops it by process id, and writes {@code results.json},
 * {@code results.md} and {@code chart.svg}. Every step is bounded in time; a peer that is not
 * installed or not built yields an "n/a" cell with the reason, and one that misbehaves a failed
 * cell, never an aborted run.
 */
@NullMarked
package dev.twine.benchmarks.run;

import org.jspecify.annotations.NullMarked;
