package dev.orchestrate.run;

import dev.orchestrate.lock.FileLocks;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.WorkerReport.AttemptEnded;
import dev.orchestrate.run.WorkerReport.Outcome;
import dev.orchestrate.run.WorkerReport.WorkerCrashed;
import dev.orchestrate.run.agent.AgentAttempt;
import dev.orchestrate.run.agent.AgentBudget;
import dev.orchestrate.run.agent.AgentGate;
import dev.orchestrate.run.agent.RateLimitBackoff;
import dev.orchestrate.session.MessageFile;
import dev.orchestrate.session.Session;
import dev.orchestrate.session.SessionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an execution plan on worker threads (SPEC §5.4–§5.7). The thread that calls {@link #run()}
 * is the coordinator: it alone owns the scheduling state (ready queue, attempts, locks, who runs
 * what), hands tasks out through the workers' inboxes, and learns how attempts ended from one
 * queue the workers report to. It waits on that queue and nothing else: no polling, no sleeps.
 * Every event goes to the listener on this thread, in order, from {@code RunStarted} to
 * {@code RunFinished}.
 */
public final class Coordinator {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final Duration STOP_SLACK = Duration.ofSeconds(2);
    /** How often a task waiting for another run's lock tries again. */
    private static final Duration OTHER_RUN_RECHECK = Duration.ofMillis(200);

    private final ExecutionPlan plan;
    private final Session session;
    private final RunSettings settings;
    private final EventListener events;
    private final Clock clock;
    private final TaskExecutor executor;
    private final ThreadFactory threads;
    private final BlockingQueue<WorkerReport> reports = new LinkedBlockingQueue<>();
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private final AtomicBoolean ran = new AtomicBoolean();
    private final StopSignal stopSignal = new StopSignal();
    private final String runId;

    // Everything below belongs to the coordinator thread.
    private Scheduler scheduler;
    private TaskLocks locks;
    private WorkerSlots slots;
    private final Map<String, TaskRun> runs = new LinkedHashMap<>();
    private AgentGate agentGate;
    private Dispatcher dispatcher;
    private final RunStop runStop = new RunStop();
    private boolean givenUpP0;

    public Coordinator(ExecutionPlan plan, Session session, RunSettings settings, EventListener events, Clock clock) {
        this(plan, session, settings, events, clock, new ShellExecutor());
    }

    /** With another executor, e.g. one that runs agent tasks beside shell ones. */
    public Coordinator(ExecutionPlan plan, Session session, RunSettings settings, EventListener events, Clock clock,
                       TaskExecutor executor) {
        this(plan, session, settings, events, clock, executor, Thread::new);
    }

    Coordinator(ExecutionPlan plan, Session session, RunSettings settings, EventListener events, Clock clock,
                TaskExecutor executor, ThreadFactory threads) {
        this.plan = plan;
        this.session = session;
        // the run's processes carry an id no other run has (the session path may be reused)
        this.runId = settings.environment().getOrDefault(Worker.RUN_ID, java.util.UUID.randomUUID().toString());
        Map<String, String> environment = new HashMap<>(settings.environment());
        environment.put(Worker.RUN_ID, runId);
        this.settings = settings.withEnvironment(environment);
        this.events = events;
        this.clock = clock;
        this.executor = executor;
        this.threads = threads;
    }

    /**
     * Stops the run: no more dispatching, every running process tree stopped (TERM, then KILL after
     * the kill grace), locks released; {@link #run()} then returns a result with {@code interrupted}.
     * Callable from any thread, any number of times.
     */
    public void interrupt() {
        stopSignal.request(); // from here on no attempt starts
        if (interruptRequested.compareAndSet(false, true)) {
            reports.add(new WorkerReport.InterruptRequested());
        }
    }

    /** Runs the plan on the calling thread and returns how it went; call it once. */
    public RunResult run() {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("a coordinator runs once");
        }
        Instant startedAt = clock.instant();
        scheduler = new Scheduler(plan, settings.schedule());
        agentGate = new AgentGate(RateLimitBackoff.startingAt(clock, settings.rateLimitPause()), settings.agents());
        locks = new TaskLocks(new FileLocks(session.locks(), settings.root(), clock), scheduler);
        slots = new WorkerSlots(settings.workers(), session, this::worker, threads);
        scheduler.tasks().forEach(task -> runs.put(task.id(), new TaskRun(task)));
        dispatcher = new Dispatcher(new Dispatcher.Scheduling(scheduler, runs, slots, locks, agentGate), settings.maxAttempts(),
                clock, this::emit);
        Watchdog.shared().ifPresent(w -> w.watchRun(runId));
        emit(new Event.RunStarted(startedAt, scheduler.tasks().size(), scheduler.unended().size(), settings.workers()));
        try {
            loop();
        } finally {
            cleanUp();
        }
        RunResult result = result(startedAt);
        emit(new Event.RunFinished(result.endedAt(), result));
        return result;
    }

    private Worker worker(String id, int generation, MessageFile outbox) {
        Worker worker = new Worker(id, generation, outbox, reports, executor, settings, session.dir(), session::log, clock);
        worker.stopWith(stopSignal);
        return worker;
    }

    private void loop() {
        if (interruptRequested.get()) {
            stop(Optional.empty());
        }
        guarded(this::dispatch);
        while (true) {
            if (runStop.stopping() ? !slots.anyBusy() : scheduler.allEnded()) {
                return;
            }
            if (!runStop.stopping() && !slots.anyBusy() && !scheduler.hasReady() && !dispatcher.holdsBack()
                    && !locks.anyWaitingForOtherRun()) {
                stuck();
                return;
            }
            WorkerReport report = next();
            if (report == null) {
                LOG.warn("workers {} did not report within the kill grace; leaving them", slots.busy());
                return;
            }
            guarded(() -> {
                handle(report);
                emitGroupsDone();
                dispatch();
            });
        }
    }

    private WorkerReport next() {
        while (true) {
            try {
                Optional<Duration> recheck = runStop.stopping() || !dispatcher.holdsBack() ? Optional.empty()
                        : dispatcher.recheckAfter();
                if (!runStop.stopping() && locks.anyWaitingForOtherRun()) {
                    recheck = Optional.of(recheck.filter(r -> r.compareTo(OTHER_RUN_RECHECK) < 0).orElse(OTHER_RUN_RECHECK));
                }
                if (recheck.isPresent()) {
                    WorkerReport report = reports.poll(Math.max(1, recheck.get().toNanos()), TimeUnit.NANOSECONDS);
                    return report != null ? report : new WorkerReport.PauseEnded();
                }
                if (!runStop.stopping()) {
                    return reports.take();
                }
                long left = runStop.nanosLeft();
                return left <= 0 ? null : reports.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupt(); // the coordinator thread itself was interrupted: same as a Ctrl-C
            }
        }
    }

    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (SessionException e) {
            LOG.error("session folder cannot be written", e);
            critical("session folder cannot be written: " + e.getMessage());
        } catch (WorkerSlots.NoWorkerException e) {
            critical(e.getMessage());
        } catch (RuntimeException e) {
            // a bug of ours: stop cleanly so that the run still ends with a result and a summary
            LOG.error("internal error", e);
            critical("internal error: " + e);
        }
    }

    private void dispatch() {
        dispatcher.dispatch(() -> !runStop.stopping() && !stopSignal.requested());
    }

    private void handle(WorkerReport report) {
        if (interruptRequested.get()) {
            stop(Optional.empty()); // an attempt the signal ended is stopped, not failed
        }
        if (report instanceof WorkerReport.PauseEnded) {
            return;
        }
        if (report instanceof WorkerReport.InterruptRequested) {
            stop(Optional.empty());
        } else if (report instanceof AttemptEnded ended) {
            attemptEnded(ended);
        } else if (report instanceof WorkerCrashed crash) {
            crashed(crash);
        }
    }

    // ---- reports -----------------------------------------------------------------------------

    private void attemptEnded(AttemptEnded ended) {
        WorkerSlots.Slot slot = slots.of(ended.worker());
        TaskRun run = runs.get(ended.task().id());
        if (ended.outcome() != Outcome.STOPPED || ended.spawnedNanos() != 0) {
            run.attempted(ended.attempt()); // else stopped before its process started: no attempt
        }
        boolean threadEnded = ended.outcome() == Outcome.TIMED_OUT;
        if (threadEnded) {
            slots.threadEnded(slot);
        } else {
            slots.idle(slot);
            locks.release(run);
        }
        Optional<Event.Overhead> overhead = ended.overhead(run.takeHandedAt());
        switch (ended.outcome()) {
            case COMPLETED -> {
                Instant now = clock.instant();
                emit(new Event.TaskCompleted(now, run.id(), slot.id(), ended.attempt().number(), ended.attempt().duration(),
                        overhead));
                scheduler.completed(run.id(), now);
            }
            case FAILED, CANNOT_START, TIMED_OUT -> failed(run, ended.worker(), slot, ended.attempt(), threadEnded, overhead);
            case STOPPED -> run.stopped(runStop.reason());
        }
        ended.attempt().agent().ifPresent(agent -> agentAttemptEnded(run.id(), slot.id(), ended.attempt(), agent));
        ended.sessionFailure().ifPresent(e -> {
            throw e;
        });
    }

    /** Warns about files changed outside the declared ones; a rate limit pauses new agent starts. */
    private void agentAttemptEnded(String id, String worker, Attempt attempt, AgentAttempt agent) {
        if (!agent.changedOutside().isEmpty()) {
            emit(new Event.FilesChangedOutside(clock.instant(), id, worker, attempt.number(), agent.changedOutside()));
        }
        agentGate.ended(attempt.startedAt(), agent).ifPresent(pause -> emit(new Event.AgentsPaused(clock.instant(), id, pause)));
    }

    private void crashed(WorkerCrashed crash) {
        WorkerSlots.Slot slot = slots.of(crash.worker());
        slots.threadEnded(slot);
        if (crash.task().isPresent() && crash.attempt().isPresent()) {
            TaskRun run = runs.get(crash.task().get().id());
            run.attempted(crash.attempt().get());
            failed(run, crash.worker(), slot, crash.attempt().get(), true, Optional.empty());
        } else {
            replace(crash.worker(), slot, Optional.empty(), "crashed: " + crash.cause());
        }
    }

    /** A failed attempt: retry it elsewhere, or give it up; replace the worker if its thread ended. */
    private void failed(TaskRun run, Worker worker, WorkerSlots.Slot slot, Attempt attempt, boolean threadEnded,
                        Optional<Event.Overhead> overhead) {
        String id = run.id();
        Instant now = clock.instant();
        if (runStop.stopping()) {
            // ended by the stop (the signal reached it, or we stopped it): stopped, never retried
            if (threadEnded) {
                replace(worker, slot, Optional.empty(), attempt.error().orElse("stopped"));
                run.unlock();
            }
            run.stopped(runStop.reason());
            return;
        }
        // an agent that cannot run at all (auth, config, quota) is not tried again
        boolean givingUp = attempt.number() >= settings.maxAttempts() || attempt.agent().filter(AgentAttempt::finalForRun).isPresent();
        String error = attempt.error().orElse("failed");
        emit(new Event.TaskFailed(now, id, worker.id(), attempt.number(), settings.maxAttempts(), error,
                attempt.exitCode(), givingUp, session.log(id), overhead));
        if (threadEnded) {
            replace(worker, slot, givingUp ? Optional.empty() : Optional.of(id), error);
            run.unlock(); // released with the rest of the worker's locks
        }
        if (givingUp) {
            giveUp(id, now);
        } else {
            scheduler.ready(id);
        }
    }

    /**
     * A worker's thread ended (time-out or crash): its locks are released, found by their content,
     * and a new thread with the same id and the same outbox takes its place.
     */
    private void replace(Worker old, WorkerSlots.Slot slot, Optional<String> resuming, String reason) {
        locks.releaseAllOf(old.id());
        if (runStop.stopping()) {
            return;
        }
        if (slots.start(slot, old.generation() + 1)) {
            emit(new Event.WorkerReplaced(clock.instant(), old.id(), resuming, reason));
        }
    }

    private void giveUp(String id, Instant now) {
        dispatcher.skipped(scheduler.givenUp(id, now), now);
        Optional<List<String>> p0GivenUp = runStop.stopping() ? Optional.empty() : scheduler.everyP0GivenUp();
        if (p0GivenUp.isPresent()) {
            givenUpP0 = true;
            critical("every P0 task was given up: " + String.join(", ", p0GivenUp.get()));
        }
    }

    private void emitGroupsDone() {
        for (Scheduler.GroupDone done : scheduler.drainGroupsDone()) {
            emit(new Event.GroupCompleted(clock.instant(), done.group(), done.tasks(), done.duration()));
        }
    }

    // ---- stopping ----------------------------------------------------------------------------

    private void critical(String reason) {
        LOG.error("critical failure: {}", reason);
        stop(Optional.of(reason));
    }

    /** Stops dispatching and every running attempt; {@code critical} empty means an interruption. */
    private void stop(Optional<String> critical) {
        if (runStop.begin(critical, settings.killGrace().plus(STOP_SLACK))) {
            stopSignal.request();
            slots.stopBusy();
        }
    }

    /** Nothing runs and nothing is ready, yet tasks remain: they can never run. */
    private void stuck() {
        for (String id : scheduler.unended()) {
            runs.get(id).notRunUnlessSaid(locks.awaited(id).map(lock -> "waiting for " + lock)
                    .orElse("its dependencies never completed"));
        }
        LOG.warn("tasks that can never run: {}", runs.values().stream().filter(run -> run.notRunReason().isPresent())
                .map(run -> run.id() + "=" + run.notRunReason().get()).toList());
    }

    private void cleanUp() {
        // what the tasks left outside their process trees ((cmd &), setsid) carries this run's id, and no other
        ProcessTree.stopAll(ProcessTree.withEnvironment(Worker.RUN_ID, runId), settings.killGrace());
        slots.shutdown();
        try {
            locks.releaseAll(runs.values(), slots.ids());
        } catch (SessionException e) {
            LOG.error("cannot release the locks", e);
        }
        slots.join(Duration.ofMillis(200));
        slots.close();
    }

    // ---- result ------------------------------------------------------------------------------

    private RunResult result(Instant startedAt) {
        Map<String, TaskResult> results = new LinkedHashMap<>();
        Set<String> workersUsed = new LinkedHashSet<>();
        for (TaskRun run : runs.values()) {
            run.attempts().forEach(a -> workersUsed.add(a.worker()));
            results.put(run.id(), run.result(scheduler.state(run.id()), runStop.reason(), runStop.stopping()));
        }
        // an agent that cannot run at all ends the run with exit 3, in one line (its login command), once its running
        // attempts finished; it also explains "every P0 task was given up" when those were its tasks
        Optional<String> critical = agentGate.stoppedBy().isPresent() && (runStop.criticalFailure().isEmpty() || givenUpP0)
                ? agentGate.stoppedBy() : runStop.criticalFailure();
        return new RunResult(startedAt, clock.instant(), results, workersUsed.size(), critical, runStop.interrupted(),
                settings.agents().budget().map(AgentBudget::max));
    }

    private void emit(Event event) {
        try {
            events.on(event);
        } catch (RuntimeException e) {
            LOG.error("event listener failed on {}", event.type(), e);
        }
    }
}
