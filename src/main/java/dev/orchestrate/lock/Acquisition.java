package dev.orchestrate.lock;

import java.util.List;
import java.util.Objects;

/** The outcome of taking the locks of one task: all of them, or none because one is held. */
public sealed interface Acquisition {

    /** Every lock was taken; {@code hashes} names them, in the order taken. */
    record Acquired(List<String> hashes) implements Acquisition {
        public Acquired {
            hashes = List.copyOf(hashes);
        }
    }

    /**
     * The lock of {@code path} is held by {@code holder}; nothing was taken. {@code otherRun}: the
     * holder is another run on the project, which will not say when it lets go.
     */
    record Held(String hash, String path, LockHolder holder, boolean otherRun) implements Acquisition {
        public Held {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(holder, "holder");
        }
    }
}
