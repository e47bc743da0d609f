package dev.orchestrate.run;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.WorkerReport.AttemptEnded;
import dev.orchestrate.run.WorkerReport.Outcome;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentEnvironment;
import dev.orchestrate.run.agent.OutputWatch;
import dev.orchestrate.session.AttemptHeader;
import dev.orchestrate.session.Json;
import dev.orchestrate.session.MessageFile;
import dev.orchestrate.session.SessionException;
import dev.orchestrate.session.WorkerOutbox;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread: takes the tasks the coordinator hands it, runs one attempt at a time, writes
 * each finished attempt to its outbox and reports it on the coordinator's queue. It owns no
 * scheduling state. After a time-out it stops its thread, and the coordinator starts a new one
 * with the same id and the same outbox.
 */
final class Worker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** Unique to one run: what the interrupt clean-up and the watchdog find the run's processes by. */
    static final String RUN_ID = "ORCHESTRATE_RUN_ID";
    /** Unique to one attempt: what a time-out finds the attempt's double-forked processes by. */
    static final String ATTEMPT_ID = "ORCHESTRATE_ATTEMPT_ID";

    /** What the coordinator sends a worker. */
    sealed interface Order permits Assignment, Shutdown {
    }

    /** Run attempt {@code attempt} of {@code task}. */
    record Assignment(PlannedTask task, int attempt, int maxAttempts) implements Order {
    }

    /** Finish the thread. */
    enum Shutdown implements Order { INSTANCE }

    private final String id;
    private final int generation;
    private final MessageFile outbox;
    private final BlockingQueue<WorkerReport> reports;
    private final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();
    private final TaskExecutor executor;
    private final RunSettings settings;
    private final Path sessionDir;
    private final SessionLogs logs;
    private final Clock clock;
    private volatile boolean stopRequested;
    private StopSignal runStop = new StopSignal();
    private volatile Thread thread;
    private volatile Process process;
    // when the current attempt's process started and was seen to end (System.nanoTime), for --verbose
    private long spawnedNanos;
    private long exitedNanos;

    /** Where each task's log goes. */
    @FunctionalInterface
    interface SessionLogs {
        Path log(String taskId);
    }

    Worker(String id, int generation, MessageFile outbox, BlockingQueue<WorkerReport> reports, TaskExecutor executor,
           RunSettings settings, Path sessionDir, SessionLogs logs, Clock clock) {
        this.id = id;
        this.generation = generation;
        this.outbox = outbox;
        this.reports = reports;
        this.executor = executor;
        this.settings = settings;
        this.sessionDir = sessionDir;
        this.logs = logs;
        this.clock = clock;
    }

    String id() {
        return id;
    }

    /** 1 for the first thread of this id, 2 for its first replacement, … */
    int generation() {
        return generation;
    }

    MessageFile outbox() {
        return outbox;
    }

    /** Starts the thread through {@code threads}; throws whatever thread creation throws. */
    void start(java.util.concurrent.ThreadFactory threads) {
        Thread created = threads.newThread(this);
        if (created == null) {
            throw new IllegalStateException("the thread factory refused " + id);
        }
        created.setName(id);
        created.setDaemon(true);
        thread = created;
        created.start();
    }

    /** The run's stop: once requested, this worker starts no attempt's process. Set before {@link #start}. */
    void stopWith(StopSignal stop) {
        runStop = stop;
    }

    void hand(Assignment assignment) {
        orders.add(assignment);
    }

    /** Stops the running attempt, if any, with its process tree; callable from any thread. */
    void stop() {
        stopRequested = true;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    void shutdown() {
        orders.add(Shutdown.INSTANCE);
    }

    void join(Duration limit) throws InterruptedException {
        Thread current = thread;
        if (current != null) {
            current.join(Math.max(1, limit.toMillis()));
        }
    }

    @Override
    public void run() {
        Assignment current = null;
        Instant startedAt = null;
        try {
            while (true) {
                Order order;
                try {
                    order = orders.take();
                } catch (InterruptedException e) {
                    continue; // a stop while idle: nothing to stop, the shutdown order follows
                }
                if (order instanceof Shutdown) {
                    return;
                }
                current = (Assignment) order;
                startedAt = clock.instant();
                AttemptEnded report = attempt(current, startedAt);
                current = null;
                reports.add(report);
                if (report.outcome() == Outcome.TIMED_OUT) {
                    return;
                }
            }
        } catch (Throwable t) {
            crashed(current, startedAt, t);
        }
    }

    private AttemptEnded attempt(Assignment assignment, Instant startedAt) {
        PlannedTask task = assignment.task();
        spawnedNanos = 0;
        exitedNanos = 0;
        Path log = logs.log(task.id());
        Map<String, String> environment = environment(task, assignment.attempt());
        AttemptContext context = new AttemptContext(id, assignment.attempt(), assignment.maxAttempts(),
                settings.root(), sessionDir, log, environment);
        // the header, the check and the start under the run's stop: after a stop signal no attempt starts
        Execution execution;
        try {
            execution = runStop.unlessStopped(() -> {
                if (stopRequested) {
                    return null;
                }
                appendLine(log, AttemptHeader.of(task.id(), assignment.attempt(), assignment.maxAttempts(), id, startedAt));
                try {
                    return executor.start(task, context);
                } catch (IOException e) {
                    throw new CannotStart(e);
                }
            });
        } catch (CannotStart e) {
            String message = e.getCause().getMessage() == null ? e.getCause().getClass().getSimpleName() : e.getCause().getMessage();
            tryAppendLine(log, "cannot start: " + message);
            return finish(task, assignment, startedAt, OptionalInt.empty(), Optional.of("cannot start: " + message),
                    Optional.empty(), Outcome.CANNOT_START);
        } catch (IOException e) {
            SessionException failure = new SessionException("cannot write " + log + ": " + e.getMessage(), e);
            return ended(task, assignment, startedAt, OptionalInt.empty(), Optional.of("cannot start: " + failure.getMessage()),
                    Outcome.CANNOT_START, Optional.of(failure));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (execution == null) {
            // stopped before its process started: not an attempt
            return ended(task, assignment, startedAt, OptionalInt.empty(), Optional.of("stopped"), Outcome.STOPPED, Optional.empty());
        }
        Process started = execution.process();
        spawnedNanos = System.nanoTime();
        process = started;
        Optional<Watchdog> watchdog = Watchdog.shared();
        watchdog.ifPresent(w -> w.started(started.pid()));
        Execution.Ending ending;
        try {
            ending = waitFor(started, task.timeout(), execution.inactivityLimit().map(limit -> new OutputWatch(log, limit, System::nanoTime)));
        } catch (InterruptedException e) {
            ending = null;
        }
        exitedNanos = System.nanoTime();
        if (!(ending instanceof Execution.Ending.Exited)) {
            ProcessTree.stopAttempt(started.toHandle(), ATTEMPT_ID + "=" + environment.get(ATTEMPT_ID), settings.killGrace());
        }
        watchdog.ifPresent(w -> w.ended(started.pid()));
        process = null;
        if (ending == null || stopRequested && !(ending instanceof Execution.Ending.Exited)) {
            tryAppendLine(log, AttemptHeader.mark("stopped"));
            return finish(task, assignment, startedAt, OptionalInt.empty(), Optional.of("stopped"), Optional.empty(), Outcome.STOPPED);
        }
        Execution.Verdict verdict = execution.end(ending);
        if (ending instanceof Execution.Ending.Exited exited) {
            return finish(task, assignment, startedAt, OptionalInt.of(exited.code()), verdict.error(), verdict.agent(),
                    verdict.error().isEmpty() ? Outcome.COMPLETED : Outcome.FAILED);
        }
        Execution.Ending stoppedBy = ending;
        String error = verdict.error().orElseGet(() -> Execution.Verdict.of(stoppedBy).error().orElseThrow());
        tryAppendLine(log, AttemptHeader.mark(error));
        return finish(task, assignment, startedAt, OptionalInt.empty(), Optional.of(error), verdict.agent(), Outcome.TIMED_OUT);
    }

    /**
     * Waits for the process to exit, at most {@code limit}, and, with a watch, no longer than its
     * log stays quiet for the inactivity limit (looked at once a second).
     */
    private static Execution.Ending waitFor(Process process, Duration limit, Optional<OutputWatch> watch) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Execution.Ending.TimedOut(limit);
            }
            long slice = watch.isPresent() ? Math.min(left, WATCH_INTERVAL.toNanos()) : left;
            if (process.waitFor(slice, TimeUnit.NANOSECONDS)) {
                return new Execution.Ending.Exited(process.exitValue());
            }
            if (watch.isPresent() && watch.get().idle()) {
                return new Execution.Ending.Silent(watch.get().silentFor());
            }
        }
    }

    private Map<String, String> environment(PlannedTask task, int attempt) {
        Map<String, String> environment = new HashMap<>(settings.environment());
        new AgentEnvironment(task.id(), id, attempt, sessionDir).applyToShell(environment);
        // what finds the attempt's processes that left its tree and its process group
        environment.put(ATTEMPT_ID, environment.getOrDefault(RUN_ID, "") + "/" + id + "." + generation + "/" + task.id() + "/" + attempt);
        return environment;
    }

    /** An IOException of the executor's start, told apart from one writing the log. */
    private static final class CannotStart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CannotStart(IOException cause) {
            super(cause);
        }
    }

    /** Records the attempt in the outbox, then builds the report. */
    private AttemptEnded finish(PlannedTask task, Assignment assignment, Instant startedAt, OptionalInt exitCode,
                                Optional<String> error, Optional<AgentAttempt> agent, Outcome outcome) {
        Optional<SessionException> sessionFailure = Optional.empty();
        Attempt attempt = new Attempt(assignment.attempt(), id, startedAt, clock.instant(), exitCode, error, agent);
        AttemptEnded report = new AttemptEnded(this, task, attempt, outcome, sessionFailure, spawnedNanos, exitedNanos);
        try {
            record(report.attempt(), task.id());
        } catch (SessionException e) {
            sessionFailure = Optional.of(e);
        }
        return new AttemptEnded(this, task, report.attempt(), outcome, sessionFailure, spawnedNanos, exitedNanos);
    }

    private AttemptEnded ended(PlannedTask task, Assignment assignment, Instant startedAt, OptionalInt exitCode,
                               Optional<String> error, Outcome outcome, Optional<SessionException> sessionFailure) {
        Attempt attempt = new Attempt(assignment.attempt(), id, startedAt, clock.instant(), exitCode, error);
        return new AttemptEnded(this, task, attempt, outcome, sessionFailure, 0, 0);
    }

    private void record(Attempt attempt, String taskId) {
        outbox.add(new WorkerOutbox.Entry(taskId, attempt.number(), attempt.startedAt(), attempt.endedAt(),
                attempt.duration().toMillis(), attempt.exitCode(), attempt.error()));
    }

    private void crashed(Assignment current, Instant startedAt, Throwable cause) {
        LOG.error("{} crashed", id, cause);
        Process running = process;
        if (running != null) {
            ProcessTree.stop(running.toHandle(), settings.killGrace());
            Watchdog.shared().ifPresent(w -> w.ended(running.pid()));
        }
        Optional<Attempt> attempt = Optional.empty();
        if (current != null) {
            Attempt failed = new Attempt(current.attempt(), id, startedAt == null ? clock.instant() : startedAt,
                    clock.instant(), OptionalInt.empty(), Optional.of("worker crashed: " + cause));
            attempt = Optional.of(failed);
            try {
                record(failed, current.task().id());
            } catch (RuntimeException e) {
                LOG.debug("cannot record the crash of {} in its outbox", id, e);
            }
        }
        reports.add(new WorkerReport.WorkerCrashed(this, Optional.ofNullable(current).map(Assignment::task), attempt, cause));
    }

    private static void appendLine(Path file, String line) throws IOException {
        // java.io, not NIO: an interrupted thread can still write it
        try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void tryAppendLine(Path file, String line) {
        try {
            appendLine(file, line);
        } catch (IOException e) {
            LOG.debug("cannot write {}: {}", file, e.toString());
        }
    }
}
