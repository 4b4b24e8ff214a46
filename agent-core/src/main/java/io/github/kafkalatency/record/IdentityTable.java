package io.github.kafkalatency.record;

import java.lang.ref.WeakReference;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A map from objects, by identity, to values, that never keeps its keys alive.
 *
 * <p>Usage: {@code table.get(lock)} on any thread, lock-free and without allocation; {@code
 * table.put(lock, state)} and {@link #removeIf} are rare and serialised. Keys are Kafka's lock, log
 * and partition objects: weak keys let a deleted partition's objects be collected even before the
 * agent notices the partition is gone.
 *
 * <p>Thread-safety: readers see either the old or the new array of a resize, both complete.
 */
final class IdentityTable<V> {
  private static final class Entry<V> extends WeakReference<Object> {
    final int hash;
    final V value;

    Entry(Object key, int hash, V value) {
      super(key);
      this.hash = hash;
      this.value = value;
    }
  }

  private volatile Entry<V>[] table = newTable(64);
  private int size;

  V get(Object key) {
    Entry<V>[] t = table;
    int mask = t.length - 1;
    int i = mix(System.identityHashCode(key)) & mask;
    for (Entry<V> e; (e = t[i]) != null; i = (i + 1) & mask) {
      if (e.get() == key) {
        return e.value;
      }
    }
    return null;
  }

  synchronized void put(Object key, V value) {
    if (get(key) != null) {
      return;
    }
    if ((size + 1) * 2 > table.length) {
      rebuild(null, null, table.length * 2);
    }
    insert(table, new Entry<>(key, mix(System.identityHashCode(key)), value));
    size++;
  }

  /** Drops entries whose key was collected or whose value matches; returns how many remain. */
  synchronized int removeIf(Predicate<V> drop) {
    return removeIf(drop, null);
  }

  /** As {@link #removeIf(Predicate)}, telling {@code dropped} each live key it drops. */
  synchronized int removeIf(Predicate<V> drop, BiConsumer<Object, V> dropped) {
    rebuild(drop, dropped, table.length);
    return size;
  }

  private void rebuild(Predicate<V> drop, BiConsumer<Object, V> dropped, int capacity) {
    Entry<V>[] fresh = newTable(capacity);
    int kept = 0;
    for (Entry<V> e : table) {
      Object key = e == null ? null : e.get();
      if (key == null) {
        continue;
      }
      if (drop == null || !drop.test(e.value)) {
        insert(fresh, e);
        kept++;
      } else if (dropped != null) {
        dropped.accept(key, e.value);
      }
    }
    size = kept;
    table = fresh;
  }

  private static <V> void insert(Entry<V>[] t, Entry<V> e) {
    int mask = t.length - 1;
    int i = e.hash & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    // Published by the volatile write of the array in rebuild(), or seen late by a racing get(),
    // which then just misses and registers again: put() ignores duplicates.
    t[i] = e;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <V> Entry<V>[] newTable(int capacity) {
    return (Entry<V>[]) new Entry<?>[capacity];
  }
}
