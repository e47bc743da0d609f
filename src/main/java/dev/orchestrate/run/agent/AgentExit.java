package dev.orchestrate.run.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/** How an agent's process ended: on its own with an exit code, or stopped by orchestrate. */
public sealed interface AgentExit {

    /** The exit code, when the process ended on its own. */
    OptionalInt exitCode();

    static AgentExit exited(int code) {
        return new Exited(code);
    }

    /** Stopped because the attempt ran past its time limit. */
    static AgentExit timedOut(Duration limit) {
        return new TimedOut(limit);
    }

    /** Stopped because its log did not grow for {@code idle}. */
    static AgentExit inactive(Duration idle) {
        return new Inactive(idle);
    }

    /**
     * Stopped because its output showed it can no longer succeed (codex reconnecting forever,
     * aider waiting for a browser login): {@code failure} and {@code reason} say which.
     */
    static AgentExit hopeless(FailureClass failure, String reason) {
        return new Hopeless(failure, reason);
    }

    record Hopeless(FailureClass failure, String reason) implements AgentExit {
        public Hopeless {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(reason, "reason");
        }

        public OptionalInt exitCode() {
            return OptionalInt.empty();
        }
    }

    record Exited(int code) implements AgentExit {
        public OptionalInt exitCode() {
            return OptionalInt.of(code);
        }
    }

    record TimedOut(Duration limit) implements AgentExit {
        public TimedOut {
            Objects.requireNonNull(limit, "limit");
        }

        public OptionalInt exitCode() {
            return OptionalInt.empty();
        }
    }

    record Inactive(Duration idle) implements AgentExit {
        public Inactive {
            Objects.requireNonNull(idle, "idle");
        }

        public OptionalInt exitCode() {
            return OptionalInt.empty();
        }
    }
}
