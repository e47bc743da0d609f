package dev.orchestrate.select;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a plan to run, and whether to resume an earlier session ({@code --only},
 * {@code --with-deps}/{@code --no-deps}, {@code --from}, {@code --list}, {@code --resume [DIR]}).
 *
 * @param only   the {@code --only} words, as given: ids, ranges ({@code T004-T009}, {@code 2.1-2.4}) and phase names
 * @param from   {@code --from ID}: that task and everything after it in plan order
 * @param deps   what to do with the dependencies of the chosen tasks that are not done
 * @param list   {@code --list}: print the tasks instead of running them
 * @param resume {@code --resume}: empty when not asked; a present empty dir means the newest earlier session
 */
public record SelectionRequest(List<String> only, Optional<String> from, Dependencies deps, boolean list,
                               Optional<Optional<Path>> resume) {

    /** The dependencies of chosen tasks that are neither done nor chosen. */
    public enum Dependencies {
        /** are a usage error, naming them */
        REQUIRED,
        /** are chosen too ({@code --with-deps}) */
        ADDED,
        /** are taken as done elsewhere, e.g. by an earlier CI job ({@code --no-deps}) */
        ASSUMED_DONE
    }

    public SelectionRequest {
        only = List.copyOf(only);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(deps, "deps");
        Objects.requireNonNull(resume, "resume");
        if (!only.isEmpty() && from.isPresent()) {
            throw new IllegalArgumentException("--only and --from cannot be used together");
        }
    }

    /** Run every task, resume nothing. */
    public static SelectionRequest everything() {
        return new SelectionRequest(List.of(), Optional.empty(), Dependencies.REQUIRED, false, Optional.empty());
    }

    /** Whether some tasks are chosen, so that the others are left out. */
    public boolean chooses() {
        return !only.isEmpty() || from.isPresent();
    }

    /** Whether anything differs from running every task. */
    public boolean active() {
        return chooses() || resume.isPresent();
    }
}
