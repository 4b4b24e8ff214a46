package io.github.kafkalatency.instrument;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * A class (by any of its names across versions) and a method a hook needs. Checked against the
 * broker's class path without loading anything, so the agent can say at start-up which hooks will
 * find their targets, before the classes themselves are loaded.
 */
record HookTarget(List<String> typeNames, ElementMatcher<? super MethodDescription> method) {

  boolean presentIn(TypePool pool) {
    for (String name : typeNames) {
      TypePool.Resolution r = pool.describe(name);
      if (r.isResolved() && !r.resolve().getDeclaredMethods().filter(method).isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
