package dev.twine.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test end with delayed calls still pending on the {@link Clock} that
 * {@link TwineExtension} gave it, which otherwise fails the test.
 *
 * <p>Put it on a test method, or on a test class (its subclasses and nested classes inherit it),
 * when leaving timers behind is the point, such as a test of what is scheduled rather than of what
 * runs. Unhandled Deferred failures are still reported.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowPendingCalls {}
