package dev.orchestrate.run.agent;

import dev.orchestrate.run.Execution;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent's attempt ended, as its classification reads it: the way its process ended (one of
 * the {@link Execution.Ending}s every attempt has), or stopped because its output showed it can no
 * longer succeed ({@link HopelessOutput.Hopeless}).
 */
public sealed interface AgentExit permits AgentExit.Ended, HopelessOutput.Hopeless {

    /** The process ended on its own, or was stopped by the worker for running too long or too quietly. */
    record Ended(Execution.Ending ending) implements AgentExit {
        public Ended {
            Objects.requireNonNull(ending, "ending");
        }
    }

    static AgentExit exited(int code) {
        return new Ended(new Execution.Ending.Exited(code));
    }

    /** Stopped because the attempt ran past its time limit. */
    static AgentExit timedOut(Duration limit) {
        return new Ended(new Execution.Ending.TimedOut(limit));
    }

    /** Stopped because its log did not grow for {@code idle}. */
    static AgentExit silent(Duration idle) {
        return new Ended(new Execution.Ending.Silent(idle));
    }

    /**
     * Stopped because its output showed it can no longer succeed (codex reconnecting forever,
     * aider waiting for a browser login): {@code failure} and {@code reason} say which.
     */
    static AgentExit hopeless(FailureClass failure, String reason) {
        return new HopelessOutput.Hopeless(failure, reason);
    }
}
