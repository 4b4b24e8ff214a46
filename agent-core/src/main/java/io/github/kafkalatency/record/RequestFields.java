package io.github.kafkalatency.record;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.OptionalLong;

/**
 * Reads a completed Kafka request's timestamps and identity: {@code
 * kafka.network.RequestChannel$Request} (3.9-4.3, Scala) and {@code
 * org.apache.kafka.network.Request} (4.4, Java) have the same field names, but 4.4 has no getters
 * for some, so fields are read directly. Looked up once per class; anything missing reads as 0 or
 * null. The timestamps, read for every produce request, go through getters typed {@code
 * (Object)long}, which box nothing. Only sizes, names and ids are read, never records. Thread-safe.
 */
final class RequestFields {
  private static final String[] TIME_FIELDS = {
    "startTimeNanos",
    "requestDequeueTimeNanos",
    "apiLocalCompleteTimeNanos",
    "responseCompleteTimeNanos",
    "responseDequeueTimeNanos"
  };
  private static final MethodType TO_LONG = MethodType.methodType(long.class, Object.class);
  private static final ClassValue<MethodHandle[]> TIMES =
      new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
          MethodHandle[] out = new MethodHandle[TIME_FIELDS.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = longGetter(field(type, TIME_FIELDS[i]));
          }
          return out;
        }
      };
  private static final ClassValue<Field[]> OTHERS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          String[] names = {
            "callbackRequestDequeueTimeNanos",
            "callbackRequestCompleteTimeNanos",
            "bodyAndSize",
            "context"
          };
          Field[] out = new Field[names.length];
          for (int i = 0; i < names.length; i++) {
            out[i] = field(type, names[i]);
          }
          return out;
        }
      };

  /** Read for every produce request: a static final invoker, so that the JIT inlines the read. */
  private static final MethodHandle START_NANOS =
      new LongAccessor(t -> longGetter(field(t, TIME_FIELDS[0]))).invoker();

  private RequestFields() {}

  /** When Kafka received the request ({@code startTimeNanos}); 0 when it cannot be read. */
  static long startNanos(Object request) {
    return KafkaObjects.invokeLong(START_NANOS, request);
  }

  /** Kafka's breakdown for {@code request}, computed as {@code updateRequestMetrics} does. */
  static void complete(ProduceTrace trace, Object request, long endNanos) {
    MethodHandle[] t = TIMES.get(request.getClass());
    Field[] f = OTHERS.get(request.getClass());
    long callback = optionalLong(read(f[1], request)) - optionalLong(read(f[0], request));
    trace.complete(
        KafkaObjects.invokeLong(t[0], request),
        KafkaObjects.invokeLong(t[1], request),
        KafkaObjects.invokeLong(t[2], request),
        KafkaObjects.invokeLong(t[3], request),
        KafkaObjects.invokeLong(t[4], request),
        Math.max(0, callback),
        endNanos);
  }

  /**
   * Client id, correlation id, API version, acks, listener and protocol: read only for slow
   * requests.
   */
  static void identify(ProduceTrace trace, Object request) {
    Field[] f = OTHERS.get(request.getClass());
    Object context = read(f[3], request);
    Object header = context == null ? null : read(field(context.getClass(), "header"), context);
    if (header != null) {
      trace.clientId = (String) call(header, "clientId");
      trace.correlationId = intValue(call(header, "correlationId"));
      trace.apiVersion = intValue(call(header, "apiVersion"));
    }
    if (context != null) {
      trace.listener =
          String.valueOf(call(read(field(context.getClass(), "listenerName"), context), "value"));
      trace.securityProtocol =
          String.valueOf(read(field(context.getClass(), "securityProtocol"), context));
    }
    Object bodyAndSize = read(f[2], request);
    Object body =
        bodyAndSize == null ? null : read(field(bodyAndSize.getClass(), "request"), bodyAndSize);
    trace.acks = body == null ? 0 : intValue(call(body, "acks"));
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (ReflectiveOperationException | RuntimeException e) {
        // try the superclass
      }
    }
    return null;
  }

  private static MethodHandle longGetter(Field f) {
    try {
      return f == null ? null : MethodHandles.lookup().unreflectGetter(f).asType(TO_LONG);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // not a long: reads as 0
    }
  }

  private static Object read(Field f, Object target) {
    if (f == null || target == null) {
      return null;
    }
    try {
      return f.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object call(Object target, String method) {
    if (target == null) {
      return null;
    }
    try {
      Method m = target.getClass().getMethod(method);
      m.setAccessible(true);
      return m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static long longValue(Object o) {
    return o instanceof Number ? ((Number) o).longValue() : 0;
  }

  private static int intValue(Object o) {
    return o instanceof Number ? ((Number) o).intValue() : 0;
  }

  /** {@code OptionalLong} (4.4) or {@code scala.Option<Object>} (3.9-4.3); 0 when empty. */
  private static long optionalLong(Object o) {
    if (o instanceof OptionalLong) {
      return ((OptionalLong) o).orElse(0);
    }
    // scala.None$ is the common case (no callback): known by its name, without a reflective call
    if (o != null
        && !o.getClass().getName().equals("scala.None$")
        && Boolean.TRUE.equals(call(o, "isDefined"))) {
      return longValue(call(o, "get"));
    }
    return 0;
  }
}
