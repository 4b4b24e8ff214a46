package io.github.kafkalatency.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent core from {@code inst/**.classdata} inside the agent jar.
 *
 * <p>Usage: {@code new AgentClassLoader(new JarFile(agentJar, false), platformLoader)}. The {@code
 * .classdata} suffix keeps general class loaders and class-path scanners from ever finding the
 * core, Byte Buddy or HdrHistogram; the parent is the platform loader, never the application
 * loader, so Kafka's classes cannot leak in. The one exception is {@code org.slf4j}: the core logs
 * through the broker's own slf4j, found through the system class loader.
 *
 * <p>Thread-safe: registered as parallel capable.
 */
final class AgentClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";
  private final JarFile jar;
  private final String jarUrl;

  AgentClassLoader(JarFile jar, ClassLoader parent) {
    super("kafka-latency-agent", parent);
    this.jar = jar;
    this.jarUrl = "jar:" + new java.io.File(jar.getName()).toURI() + "!/";
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("org.slf4j.")) {
      return Class.forName(name, false, ClassLoader.getSystemClassLoader());
    }
    return super.loadClass(name, resolve);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = jar.getInputStream(entry)) {
      byte[] bytes = in.readAllBytes();
      int dot = name.lastIndexOf('.');
      if (dot > 0) {
        String pkg = name.substring(0, dot);
        if (getDefinedPackage(pkg) == null) {
          try {
            definePackage(pkg, null, null, null, null, null, null, null);
          } catch (IllegalArgumentException raced) {
            // another thread defined it first
          }
        }
      }
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  @Override
  protected URL findResource(String name) {
    String entryName =
        PREFIX
            + (name.endsWith(".class")
                ? name.substring(0, name.length() - ".class".length()) + ".classdata"
                : name);
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(Collections.singleton(url));
  }
}
