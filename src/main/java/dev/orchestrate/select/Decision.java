package dev.orchestrate.select;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether one task runs in this session, and why.
 *
 * @param why         the reason in words: {@code completed in 20261203-101500, unchanged}, {@code changed since …},
 *                    {@code depends on T004, which runs again}, {@code not chosen by --only} …
 * @param hash        the task's {@link TaskHash} now
 * @param completedIn for a resumed task, the session that ran it to completion
 * @param log         for a resumed task, that session's log of it
 */
public record Decision(String id, Kind kind, String why, String hash, Optional<String> completedIn, Optional<Path> log) {

    /** What this session does with the task. */
    public enum Kind {
        /** it runs */
        RUN,
        /** completed in an earlier session and unchanged: taken over, not run again */
        RESUMED,
        /** left out by {@code --only} or {@code --from} */
        NOT_SELECTED,
        /** the task file marks it done */
        DONE;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(completedIn, "completedIn");
        Objects.requireNonNull(log, "log");
    }

    public boolean runs() {
        return kind == Kind.RUN;
    }
}
