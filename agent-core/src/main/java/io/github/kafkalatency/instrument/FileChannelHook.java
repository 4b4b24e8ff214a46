package io.github.kafkalatency.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Times {@code FileChannel} write (all overloads), force, transferTo and read on
 * {@code sun.nio.ch.FileChannelImpl}, the class every JVM file channel is. The public methods are
 * advised because the private {@code impl*} ones differ between JDKs. Every file is probed; only
 * those under the broker's log dirs are counted, which the recorder decides off Kafka's lock. Also
 * places {@link CheckpointSync}: the checkpoint files' {@code FileDescriptor.sync()}, timed as a force.
 */
final class FileChannelHook implements Hook {
  static final String NAME = "file-io";

  private static final ElementMatcher.Junction<MethodDescription> WRITE =
      named("write").and(takesArguments(ByteBuffer.class)).and(returns(int.class))
          .or(named("write").and(takesArguments(ByteBuffer.class, long.class)).and(returns(int.class)));
  private static final ElementMatcher.Junction<MethodDescription> GATHERING_WRITE =
      named("write").and(takesArguments(ByteBuffer[].class, int.class, int.class));
  private static final ElementMatcher.Junction<MethodDescription> READ =
      named("read").and(takesArguments(ByteBuffer.class)).and(returns(int.class));
  private static final ElementMatcher.Junction<MethodDescription> POSITIONAL_READ =
      named("read").and(takesArguments(ByteBuffer.class, long.class)).and(returns(int.class));
  private static final ElementMatcher.Junction<MethodDescription> FORCE =
      named("force").and(takesArguments(boolean.class));
  private static final ElementMatcher.Junction<MethodDescription> TRANSFER_TO =
      named("transferTo").and(takesArguments(long.class, long.class, WritableByteChannel.class));

  @Override
  public java.util.List<HookTarget> targets() {
    return java.util.List.of(new HookTarget(java.util.List.of("sun.nio.ch.FileChannelImpl"), WRITE));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, HookStatus status) {
    return CheckpointSync.extend(builder, status, NAME).type(KafkaClasses.FILE_CHANNEL_IMPL)
        .transform((b, type, loader, module, domain) -> {
          DynamicType.Builder<?> out = b;
          out = advise(out, type, status, WRITE, FileWriteAdvice.class);
          out = advise(out, type, status, GATHERING_WRITE, FileGatheringWriteAdvice.class);
          out = advise(out, type, status, READ, FileReadAdvice.class);
          out = advise(out, type, status, POSITIONAL_READ, FilePositionalReadAdvice.class);
          out = advise(out, type, status, FORCE, FileForceAdvice.class);
          return advise(out, type, status, TRANSFER_TO, FileTransferToAdvice.class);
        });
  }

  private static DynamicType.Builder<?> advise(DynamicType.Builder<?> b, TypeDescription type,
      HookStatus status, ElementMatcher<MethodDescription> methods, Class<?> advice) {
    type.getDeclaredMethods().filter(methods)
        .forEach(m -> status.placed(NAME, type.getSimpleName(), m.toString()));
    return b.visit(Advice.to(advice).on(methods));
  }
}
