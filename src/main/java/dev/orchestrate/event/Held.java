package dev.orchestrate.event;

import java.util.Optional;
import java.util.Set;

/**
 * The tasks a run holds back although its task file does not mark them done (issue 15): those
 * resumed from an earlier session (completed there and unchanged, {@code --resume}) and those
 * {@code --only} or {@code --from} did not choose. The plan the run executes calls them already
 * done, so that nothing waits for them; the printers and reports call them what they are, as
 * summary.json's {@code resumed} and {@code not_selected} do.
 *
 * @param resumed     the ids resumed from an earlier session
 * @param notSelected the ids left out by {@code --only} / {@code --from}
 * @param resumedFrom the folder name of the session resumed from
 */
public record Held(Set<String> resumed, Set<String> notSelected, Optional<String> resumedFrom) {

    /** Nothing held back: every task the file does not mark done runs. */
    public static final Held NONE = new Held(Set.of(), Set.of(), Optional.empty());

    /** Why a task that is not done in the file did not run here. */
    public enum Kind {
        RESUMED("resumed"),
        NOT_SELECTED("not selected");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** {@code resumed}, {@code not selected}: as a line says it. */
        public String words() {
            return words;
        }
    }

    public Held {
        resumed = Set.copyOf(resumed);
        notSelected = Set.copyOf(notSelected);
        resumedFrom = resumedFrom == null ? Optional.empty() : resumedFrom;
    }

    /** Why {@code id} was held back, if it was. */
    public Optional<Kind> kind(String id) {
        if (resumed.contains(id)) {
            return Optional.of(Kind.RESUMED);
        }
        return notSelected.contains(id) ? Optional.of(Kind.NOT_SELECTED) : Optional.empty();
    }

    /** How many tasks were held back for {@code kind}. */
    public int count(Kind kind) {
        return kind == Kind.RESUMED ? resumed.size() : notSelected.size();
    }
}
