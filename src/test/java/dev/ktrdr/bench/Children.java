package dev.ktrdr.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes and the temporary folder the benchmark made. A shutdown hook kills whatever is
 * still running and removes the folder however the benchmark ends (Ctrl+C included), so no server
 * and no database outlives the run.
 */
final class Children {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile Path folder;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Process p : RUNNING) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                  }
                  for (Process p : RUNNING) {
                    try {
                      p.waitFor(10, TimeUnit.SECONDS); // its files are closed once it is gone
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  Path dir = folder;
                  if (dir != null) {
                    delete(dir);
                  }
                },
                "bench-cleanup"));
  }

  private Children() {}

  static void track(Process p) {
    RUNNING.add(p);
  }

  static void untrack(Process p) {
    RUNNING.remove(p);
  }

  /** Removes {@code dir} when the benchmark exits, however it exits. */
  static void deleteOnExit(Path dir) {
    folder = dir;
  }

  static void delete(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      System.err.println("bench: could not remove " + dir + ": " + e.getMessage());
    }
  }
}
