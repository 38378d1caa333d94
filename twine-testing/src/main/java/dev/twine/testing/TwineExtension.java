package dev.twine.testing;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension of Twine's test kit: it hands tests a fresh {@link Clock} and fails a test
 * that leaves work behind, as trial does with a dirty reactor.
 *
 * <p>Use it with {@link TwineTest} (or {@code @ExtendWith(TwineExtension.class)}). For each test:
 *
 * <ul>
 *   <li>Deferred failures that become unhandled from before the first {@code @BeforeEach} method
 *       until the end of the test are recorded; if any is still unhandled after the last
 *       {@code @AfterEach} method, the test fails with their tracebacks. They are then marked
 *       handled, so they are not reported again nor logged later.
 *   <li>A parameter of type {@link Clock} of the test class's constructor, or of a test,
 *       {@code @BeforeEach} or {@code @AfterEach} method, receives the test's own Clock: one per
 *       test, shared by all these. If that Clock still has pending delayed calls after the last
 *       {@code @AfterEach} method, the test fails and the message lists them, unless the test or
 *       its class is annotated with {@link AllowPendingCalls}.
 *   <li>A parameter of type {@link MemoryReactor} receives the test's own reactor, whose time is
 *       the test's Clock (so its delayed calls are checked as above). If calls handed to it with
 *       {@code callFromThread} or {@code callInThread} never ran, the test fails likewise.
 * </ul>
 *
 * <p>A test that failed on its own keeps its failure: what the extension finds is then attached to
 * it as suppressed exceptions. A Clock given to a {@code @BeforeAll} or {@code @AfterAll} method,
 * or to the constructor of a class with the {@code PER_CLASS} lifecycle, belongs to the class: it
 * is checked for pending calls after all its tests, and fails the class.
 *
 * <p>Threading: unhandled failures are recorded for the whole JVM, so tests under this extension
 * must not run in parallel with each other; {@link TwineTest} holds a resource lock that sees to
 * it.
 */
public final class TwineExtension
    implements BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

  /**
   * The name of the resource lock held by {@link TwineTest} classes: the JVM-wide recording of
   * unhandled Deferred failures.
   */
  public static final String UNHANDLED_FAILURES_LOCK = "dev.twine.defer.UnhandledFailures";

  /** Creates the extension; JUnit does so for {@code @ExtendWith}. */
  public TwineExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    checklist(context).recordUnhandledFailures();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    report(context, checklist(context).findings(context));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    report(context, checklist(context).findings(context));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TestResource.forType(parameter.getParameter().getType()).isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestResource<?> kind = TestResource.forType(parameter.getParameter().getType()).orElseThrow();
    return checklist(context).resource(kind);
  }

  /** Asks JUnit for the test's own context when it resolves constructor parameters. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext root) {
    return ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Returns whether the element of {@code context} (a test method or class) or of an enclosing
   * context is annotated, directly or through a meta-annotation, with {@code type}.
   */
  static boolean annotated(ExtensionContext context, Class<? extends Annotation> type) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent();
        at = at.get().getParent()) {
      if (at.get().getElement().filter(e -> AnnotationSupport.isAnnotated(e, type)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the checklist of exactly this context. Stores look values up in enclosing contexts
   * too, so the namespace names the context to keep a test from seeing its class's checklist.
   */
  private static Checklist checklist(ExtensionContext context) {
    ExtensionContext.Namespace namespace =
        ExtensionContext.Namespace.create(TwineExtension.class, context.getUniqueId());
    return context.getStore(namespace)
        .getOrComputeIfAbsent(Checklist.class, key -> new Checklist(), Checklist.class);
  }

  /**
   * Fails the test or class with the first finding and suppresses the others under it; if it has
   * already failed (or was aborted), adds every finding to its exception as suppressed instead.
   */
  private static void report(ExtensionContext context, List<AssertionError> findings) {
    if (findings.isEmpty()) {
      return;
    }
    Optional<Throwable> failed = context.getExecutionException();
    if (failed.isPresent()) {
      findings.forEach(failed.get()::addSuppressed);
      return;
    }
    AssertionError first = findings.get(0);
    findings.subList(1, findings.size()).forEach(first::addSuppressed);
    throw first;
  }
}
