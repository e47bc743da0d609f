package dev.orchestrate;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.report.SummaryReport;
import dev.orchestrate.run.ExitCode;
import dev.orchestrate.session.Session;
import dev.orchestrate.task.TaskFile;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run before any task starts (scouting, planning, the checks): from the moment its session folder
 * exists, a stop signal or a refusal leaves a summary.json in it that says why nothing ran.
 * The signal comes on the JVM's shutdown-hook thread, hence the lock around the session.
 */
final class BeforeExecution implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BeforeExecution.class);

    private final TaskFile taskFile;
    private final Clock clock;
    private final Instant startedAt;
    private final Object lock = new Object();
    private final Interruption interruption;
    private boolean signalled;
    private Session session;
    private volatile ExecutionPlan plan;

    private BeforeExecution(TaskFile taskFile, Clock clock) {
        this.taskFile = taskFile;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.interruption = Interruption.beforeExecution(this::interrupted);
    }

    /** Guards the steps before execution until {@link #close()}. */
    static BeforeExecution guard(TaskFile taskFile, Clock clock) {
        return new BeforeExecution(taskFile, clock);
    }

    /** Opens the session folder, unless a stop signal came first (then the run ends with 130). */
    Session open(Supplier<Session> opening) {
        synchronized (lock) {
            if (signalled) {
                throw new OrchestrateException(ExitCode.INTERRUPTED, "interrupted");
            }
            session = opening.get();
            return session;
        }
    }

    /** The plan, once made: from now on a summary lists its tasks as not run. */
    void planned(ExecutionPlan plan) {
        this.plan = plan;
    }

    /** summary.json for a run that ended before any task ran: every task {@code not_run}, and why. */
    void writeSummary(ExitCode exitCode, String reason) {
        Session opened;
        synchronized (lock) {
            opened = session;
        }
        if (opened == null) {
            return;
        }
        try {
            ExecutionPlan known = plan;
            SummaryReport summary = known == null
                    ? SummaryReport.withoutPlan(taskFile.path(), opened.dir(), startedAt, clock.instant(), exitCode.code(), reason)
                    : SummaryReport.beforeExecution(known, opened.dir(), startedAt, clock.instant(), exitCode.code(), reason);
            summary.write(opened.file("summary.json"));
        } catch (RuntimeException e) {
            LOG.error("cannot write summary.json", e);
        }
    }

    private void interrupted() {
        synchronized (lock) {
            signalled = true;
        }
        writeSummary(ExitCode.INTERRUPTED, "interrupted before any task ran");
    }

    /** Removes the guard (once the coordinator's own is in place, or the run ends); callable more than once. */
    @Override
    public void close() {
        interruption.close();
    }
}
