package io.github.kafkalatency.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MountInfoTest {
  static final String TEXT =
      String.join(
          "\n",
          "27 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw",
          "40 27 7:0 / /mnt/kafka\\040a rw,relatime shared:20 - ext4 /dev/loop0 rw,data=ordered",
          "41 27 7:1 / /mnt/xfs rw,noatime - xfs /dev/loop1 rw,attr2,inode64,noquota",
          "42 27 7:2 / /mnt/fast rw,relatime - ext4 /dev/loop2 rw,fast_commit");

  @Test
  void aLogDirLiesOnTheLongestMountAboveIt() {
    MountInfo m = MountInfo.parse(TEXT);
    MountInfo.Mount a = m.of("/mnt/kafka a/logs");
    assertEquals("ext4", a.fsType());
    assertEquals("/dev/loop0", a.device());
    assertEquals("7:0", a.majorMinor());
    assertEquals("ordered", a.option("data"));
    assertEquals("xfs", m.of("/mnt/xfs/logs").fsType());
    assertEquals("/", m.of("/var/lib/kafka").mountPoint());
    assertEquals("/", m.of("/mnt/xfsother").mountPoint(), "a prefix of the name is not a parent");
    assertTrue(m.of("/mnt/fast/x").hasFlag("fast_commit"));
    assertNull(m.of("/mnt/xfs/logs").option("data"));
  }

  @Test
  void thisProcessesMountsAreReadable() {
    MountInfo.Mount root = MountInfo.read().of("/");
    assertEquals("/", root.mountPoint());
  }
}
