package dev.orchestrate.cli;

import dev.orchestrate.IsolationRequest;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --isolation}, {@code --setup}, {@code --verify}, {@code --verify-merged}, {@code --apply} (issue 14). */
public final class IsolationOptions {

    /** Where attempts run. */
    enum Mode {
        NONE, WORKTREE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code none} / {@code worktree}, in any case. */
    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            for (Mode mode : Mode.values()) {
                if (mode.toString().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("must be none or worktree, got '" + value + "'");
        }
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--isolation", paramLabel = "none|worktree", defaultValue = "none", converter = ModeConverter.class,
            description = "worktree: run every attempt in a git worktree of its own and merge the results onto the branch "
                    + "orchestrate/<session> in plan order; your working tree and branch are left as they are (default: ${DEFAULT-VALUE}).")
    Mode isolation = Mode.NONE;

    @Option(names = "--setup", paramLabel = "CMD",
            description = "With --isolation worktree: run CMD in each new worktree before its task (npm ci, …); its output goes to the task's log.")
    String setup;

    @Option(names = "--verify", paramLabel = "CMD",
            description = "Run CMD after every task that succeeds, where the task ran; the task is done only when it exits 0 (after the task's own Verify:).")
    String verify;

    @Option(names = "--verify-merged", paramLabel = "CMD",
            description = "With --isolation worktree: run CMD on the integration branch after each merge; a failure puts the branch back and fails the task.")
    String verifyMerged;

    @Option(names = "--apply",
            description = "With --isolation worktree: at the end, fast-forward your current branch to the integration branch, if it has not moved and has no uncommitted changes.")
    boolean apply;

    IsolationRequest request() {
        boolean worktree = isolation == Mode.WORKTREE;
        for (String[] option : new String[][] {{"--setup", setup}, {"--verify", verify}, {"--verify-merged", verifyMerged}}) {
            if (option[1] != null && option[1].isBlank()) {
                throw new ParameterException(spec.commandLine(), option[0] + " needs a command");
            }
        }
        if (!worktree && (setup != null || verifyMerged != null || apply)) {
            String named = setup != null ? "--setup" : verifyMerged != null ? "--verify-merged" : "--apply";
            throw new ParameterException(spec.commandLine(), named + " needs --isolation worktree");
        }
        return new IsolationRequest(worktree, Optional.ofNullable(setup), Optional.ofNullable(verify),
                Optional.ofNullable(verifyMerged), apply);
    }
}
