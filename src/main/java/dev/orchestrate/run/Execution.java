package dev.orchestrate.run;

import dev.orchestrate.run.agent.AgentAttempt;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One started attempt: its process, and the executor's judgement once it has ended. The worker
 * waits for the process, enforces the time limits and stops its tree; the execution only says
 * what the ending means.
 */
public interface Execution {

    /** The attempt's process. */
    Process process();

    /** How long the attempt may go without writing to its log before it is stopped; empty for no limit. */
    default Optional<Duration> inactivityLimit() {
        return Optional.empty();
    }

    /** Judges the attempt once its process has ended or been stopped; called once, on the worker thread. */
    Verdict end(Ending ending);

    /**
     * How the process ended: on its own, or stopped by the worker for running too long or too quietly.
     * The one set of endings: an agent's {@link dev.orchestrate.run.agent.AgentExit} wraps one.
     */
    sealed interface Ending {
        record Exited(int code) implements Ending {
        }

        record TimedOut(Duration limit) implements Ending {
            public TimedOut {
                Objects.requireNonNull(limit, "limit");
            }
        }

        record Silent(Duration idle) implements Ending {
            public Silent {
                Objects.requireNonNull(idle, "idle");
            }
        }
    }

    /**
     * @param error why the attempt failed ({@code exit 1}, {@code timeout after 30s}); empty on success
     * @param agent what an agent attempt reported; empty for other attempts
     */
    record Verdict(Optional<String> error, Optional<AgentAttempt> agent) {
        public Verdict {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(agent, "agent");
        }

        /** A process judged by its ending alone: exit 0 succeeds, anything else is the error. */
        public static Verdict of(Ending ending) {
            if (ending instanceof Ending.Exited exited) {
                return new Verdict(exited.code() == 0 ? Optional.empty() : Optional.of("exit " + exited.code()), Optional.empty());
            }
            if (ending instanceof Ending.TimedOut timedOut) {
                return new Verdict(Optional.of("timeout after " + Durations.format(timedOut.limit())), Optional.empty());
            }
            return new Verdict(Optional.of("timeout: no output for " + Durations.format(((Ending.Silent) ending).idle())),
                    Optional.empty());
        }
    }

    /** An execution judged by {@link Verdict#of}, with no inactivity limit. */
    static Execution of(Process process) {
        return of(process, Verdict::of);
    }

    /** An execution judged by {@code judge}, with no inactivity limit. */
    static Execution of(Process process, Function<Ending, Verdict> judge) {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(judge, "judge");
        return new Execution() {
            @Override
            public Process process() {
                return process;
            }

            @Override
            public Verdict end(Ending ending) {
                return judge.apply(ending);
            }
        };
    }
}
