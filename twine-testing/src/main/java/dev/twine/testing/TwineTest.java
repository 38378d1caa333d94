package dev.twine.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs a test class under {@link TwineExtension}: a test that asks for a {@link Clock} gets a
 * fresh one, and a test fails if it leaves a Deferred failure unhandled or a delayed call pending.
 *
 * <pre>{@code
 * @TwineTest
 * class TimeoutTest {
 *   @Test
 *   void timesOut(Clock clock) {
 *     Deferred<String> reply = new Deferred<String>().addTimeout(Duration.ofSeconds(5), clock);
 *     clock.advance(Duration.ofSeconds(5));
 *     failureResultOf(reply, TimedOutException.class);
 *   }
 * }
 * }</pre>
 *
 * <p>Unhandled failures are recorded for the whole JVM, so classes with this annotation hold a
 * shared {@link ResourceLock}: under JUnit's parallel execution they run one at a time.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(TwineExtension.class)
@ResourceLock(TwineExtension.UNHANDLED_FAILURES_LOCK)
public @interface TwineTest {}
