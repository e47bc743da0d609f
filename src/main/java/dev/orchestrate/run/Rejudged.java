package dev.orchestrate.run;

import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.FailureClass;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An attempt judged once more after its own verdict, by the steps issue 14 adds around an executor
 * (the checks, the merge): the inner execution's process and inactivity limit, and a verdict that
 * step gives when the inner attempt succeeded.
 */
final class Rejudged {

    private Rejudged() {
    }

    /**
     * @param succeeded the verdict of an attempt that exited 0 and that its executor judged a success
     * @param failed    told of any other verdict, which stands
     */
    static Execution onSuccess(Execution inner, UnaryOperator<Execution.Verdict> succeeded, Consumer<Execution.Verdict> failed) {
        return new Execution() {
            @Override
            public Process process() {
                return inner.process();
            }

            @Override
            public Optional<Duration> inactivityLimit() {
                return inner.inactivityLimit();
            }

            @Override
            public Verdict end(Ending ending) {
                Verdict verdict = inner.end(ending);
                if (verdict.error().isPresent() || !(ending instanceof Ending.Exited)) {
                    failed.accept(verdict);
                    return verdict;
                }
                return succeeded.apply(verdict);
            }
        };
    }

    /** The verdict of an attempt that succeeded but that a later step failed; an agent attempt is classed {@code failure}. */
    static Execution.Verdict failed(Execution.Verdict succeeded, FailureClass failure, String error) {
        Optional<AgentAttempt> agent = succeeded.agent().map(a ->
                new AgentAttempt(Optional.of(failure), a.usage(), a.changedOutside(), a.promptBytes()));
        return new Execution.Verdict(Optional.of(error), agent);
    }
}
