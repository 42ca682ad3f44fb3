package org.voz.store;

import java.nio.file.Path;

/** STUB: the store work replaces it. */
public final class EmbeddedRedis {
  public static EmbeddedRedis start(Path dataDir) {
    throw new UnsupportedOperationException("stub");
  }

  public String url() {
    throw new UnsupportedOperationException("stub");
  }

  public void stop() {}
}
