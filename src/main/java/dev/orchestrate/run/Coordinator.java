package dev.orchestrate.run;

import dev.orchestrate.lock.Acquisition;
import dev.orchestrate.lock.FileLocks;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.Scheduler.State;
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
import dev.orchestrate.session.WorkerInbox;
import dev.orchestrate.task.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
    private FileLocks locks;
    private Worker[] slots;
    private boolean[] idle;
    private boolean[] lost;
    private final Map<String, MessageFile> inboxes = new HashMap<>();
    private final Map<String, MessageFile> outboxes = new HashMap<>();
    private final Map<String, String> running = new HashMap<>();
    private final Map<String, Long> handedAt = new HashMap<>();
    private final Map<String, List<Attempt>> attempts = new HashMap<>();
    private final Map<String, Set<String>> triedOn = new HashMap<>();
    private final Map<String, List<String>> heldLocks = new HashMap<>();
    private final Map<String, List<String>> waitingForLock = new HashMap<>();
    private final Map<String, String> deferredOn = new HashMap<>();
    /** Tasks deferred on a lock another run on the project holds: that run will not wake them, so they are tried again. */
    private final Set<String> waitingForOtherRun = new LinkedHashSet<>();
    private final Map<String, List<String>> blockedBy = new HashMap<>();
    private final Map<String, String> notRunReason = new HashMap<>();
    private final Set<String> stopped = new LinkedHashSet<>();
    private final List<String> heldBack = new ArrayList<>();
    private RateLimitBackoff backoff;
    private AgentGate agentGate;
    private List<String> p0Tasks = List.of();
    private boolean stopping;
    private boolean givenUpP0;
    private boolean interrupted;
    private Optional<String> criticalFailure = Optional.empty();
    private long stopDeadline;

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
        this.settings = new RunSettings(settings.workers(), settings.maxAttempts(), settings.schedule(), settings.root(),
                settings.killGrace(), environment, settings.rateLimitPause(), settings.agents());
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
        Duration firstPause = settings.rateLimitPause();
        Duration longestPause = RateLimitBackoff.DEFAULT_LONGEST_PAUSE;
        backoff = new RateLimitBackoff(clock, firstPause, longestPause.compareTo(firstPause) < 0 ? firstPause : longestPause);
        agentGate = new AgentGate(backoff, settings.agents());
        locks = new FileLocks(session.locks(), settings.root(), clock);
        slots = new Worker[settings.workers()];
        idle = new boolean[settings.workers()];
        lost = new boolean[settings.workers()];
        List<String> p0 = new ArrayList<>();
        int toRun = 0;
        for (PlannedTask task : scheduler.tasks()) {
            attempts.put(task.id(), new ArrayList<>());
            if (!task.alreadyDone()) {
                toRun++;
                if (scheduler.level(task.id()) == Priority.P0) {
                    p0.add(task.id());
                }
            }
        }
        p0Tasks = List.copyOf(p0);
        Watchdog.shared().ifPresent(w -> w.watchRun(runId));
        emit(new Event.RunStarted(startedAt, scheduler.tasks().size(), toRun, settings.workers()));
        try {
            loop();
        } finally {
            cleanUp();
        }
        RunResult result = result(startedAt);
        emit(new Event.RunFinished(result.endedAt(), result));
        return result;
    }

    private void loop() {
        if (interruptRequested.get()) {
            stop(Optional.empty());
        }
        guarded(this::dispatch);
        while (true) {
            if (stopping ? running.isEmpty() : scheduler.allEnded()) {
                return;
            }
            if (!stopping && running.isEmpty() && !scheduler.hasReady() && heldBack.isEmpty() && waitingForOtherRun.isEmpty()) {
                stuck();
                return;
            }
            WorkerReport report = next();
            if (report == null) {
                LOG.warn("workers {} did not report within the kill grace; leaving them", running.keySet());
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
                Optional<Duration> recheck = stopping || heldBack.isEmpty() ? Optional.empty()
                        : agentGate.recheckAfter(runningAgentAttempts());
                if (!stopping && !waitingForOtherRun.isEmpty()) {
                    recheck = Optional.of(recheck.filter(r -> r.compareTo(OTHER_RUN_RECHECK) < 0).orElse(OTHER_RUN_RECHECK));
                }
                if (recheck.isPresent()) {
                    WorkerReport report = reports.poll(Math.max(1, recheck.get().toNanos()), TimeUnit.NANOSECONDS);
                    return report != null ? report : new WorkerReport.PauseEnded();
                }
                if (!stopping) {
                    return reports.take();
                }
                long left = stopDeadline - System.nanoTime();
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
        } catch (NoWorkerException e) {
            critical(e.getMessage());
        } catch (RuntimeException e) {
            // a bug of ours: stop cleanly so that the run still ends with a result and a summary
            LOG.error("internal error", e);
            critical("internal error: " + e);
        }
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

    // ---- dispatching -------------------------------------------------------------------------

    private void dispatch() {
        waitingForOtherRun.forEach(scheduler::ready);
        waitingForOtherRun.clear();
        if (!heldBack.isEmpty() && !(agentGate.admit(runningAgentAttempts()) instanceof AgentGate.Wait)) {
            releaseHeldBack();
        }
        while (!stopping && !stopSignal.requested() && scheduler.hasReady() && workerAvailable()) {
            String id = scheduler.nextReady().orElseThrow();
            long taken = System.nanoTime();
            PlannedTask task = scheduler.task(id);
            if (task.executor() == Executor.AGENT && !admitAgent(id)) {
                continue;
            }
            int slot = pickWorker(id);
            if (slot < 0) {
                scheduler.ready(id);
                return;
            }
            Worker worker = slots[slot];
            Acquisition acquisition = locks.acquire(worker.id(), id, task.lockedPaths());
            if (acquisition instanceof Acquisition.Held held) {
                scheduler.deferred(id);
                if (held.otherRun()) {
                    waitingForOtherRun.add(id);
                } else {
                    waitingForLock.computeIfAbsent(held.hash(), h -> new ArrayList<>()).add(id);
                }
                // woken with the others when the lock is released, it may find the file taken again: say so once
                if (!held.hash().equals(deferredOn.put(id, held.hash()))) {
                    emit(new Event.TaskDeferred(clock.instant(), id, worker.id(), held.holder().worker(), held.path()));
                }
                continue;
            }
            deferredOn.remove(id);
            heldLocks.put(id, ((Acquisition.Acquired) acquisition).hashes());
            hand(slot, task, taken);
        }
    }

    /**
     * Asks the agent gate whether this agent task may start now: if it must wait (a rate-limit pause,
     * every --agent-workers slot busy) it is held back; if it may not run at all, it ends not_run.
     */
    private boolean admitAgent(String id) {
        AgentGate.Admission admission = agentGate.admit(runningAgentAttempts());
        if (admission instanceof AgentGate.Wait) {
            heldBack.add(id); // back on the ready queue when the pause ends or an agent attempt ends
            return false;
        }
        if (admission instanceof AgentGate.Refused refused) {
            Instant now = clock.instant();
            notRunReason.put(id, refused.reason());
            for (Scheduler.Skip skip : scheduler.notRun(id, now)) {
                blockedBy.put(skip.task(), skip.blockedBy());
                emit(new Event.TaskSkipped(now, skip.task(), skip.blockedBy()));
            }
            return false;
        }
        return true;
    }

    private int runningAgentAttempts() {
        int agents = 0;
        for (String id : running.values()) {
            if (scheduler.task(id).executor() == Executor.AGENT) {
                agents++;
            }
        }
        return agents;
    }

    private void releaseHeldBack() {
        heldBack.forEach(scheduler::ready);
        heldBack.clear();
    }

    /** @param taken when the task was taken off the ready queue (System.nanoTime) */
    private void hand(int slot, PlannedTask task, long taken) {
        Worker worker = slots[slot];
        String id = task.id();
        int attempt = attempts.get(id).size() + 1;
        Instant now = clock.instant();
        inboxes.get(worker.id()).add(new WorkerInbox.Entry(id, task.task().title(), attempt, settings.maxAttempts(),
                task.executor().name().toLowerCase(Locale.ROOT), task.task().command(),
                task.files().stream().map(PlannedFile::path).toList(), task.timeout().toSeconds(), now));
        idle[slot] = false;
        running.put(worker.id(), id);
        triedOn.computeIfAbsent(id, t -> new LinkedHashSet<>()).add(worker.id());
        scheduler.started(id, now);
        handedAt.put(id, taken);
        worker.hand(new Worker.Assignment(task, attempt, settings.maxAttempts()));
        emit(new Event.TaskStarted(now, id, worker.id(), attempt, settings.maxAttempts()));
    }

    private boolean workerAvailable() {
        for (int i = 0; i < slots.length; i++) {
            if ((slots[i] != null && idle[i]) || (slots[i] == null && !lost[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * An idle worker that has not tried this task yet, else a new worker, else any idle one (not
     * the one it last failed on where possible). Workers start only when needed.
     */
    private int pickWorker(String taskId) {
        Set<String> tried = triedOn.getOrDefault(taskId, Set.of());
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && idle[i] && !tried.contains(slots[i].id())) {
                return i;
            }
        }
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null && !lost[i] && startWorker(i, 1, null)) {
                return i;
            }
        }
        String last = tried.isEmpty() ? null : List.copyOf(tried).get(tried.size() - 1);
        int fallback = -1;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && idle[i]) {
                if (!slots[i].id().equals(last)) {
                    return i;
                }
                fallback = i;
            }
        }
        return fallback;
    }

    /** Starts a worker thread in {@code slot}; false (and the slot lost) when no thread can be started. */
    private boolean startWorker(int slot, int generation, MessageFile outbox) {
        String id = "worker-" + (slot + 1);
        if (outbox == null) {
            outbox = MessageFile.outbox(session, id);
            outboxes.put(id, outbox);
            inboxes.put(id, MessageFile.inbox(session, id));
        }
        Worker worker = new Worker(id, generation, outbox, reports, executor, settings, session.dir(), session::log, clock);
        worker.stopWith(stopSignal);
        try {
            worker.start(threads);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("cannot start {}", id, e);
            slots[slot] = null;
            idle[slot] = false;
            lost[slot] = true;
            if (liveWorkers() == 0 && !workerAvailable()) {
                throw new NoWorkerException("no worker can be started: " + e);
            }
            return false;
        }
        slots[slot] = worker;
        idle[slot] = true;
        return true;
    }

    private int liveWorkers() {
        int live = 0;
        for (Worker worker : slots) {
            if (worker != null) {
                live++;
            }
        }
        return live;
    }

    // ---- reports -----------------------------------------------------------------------------

    private void attemptEnded(AttemptEnded ended) {
        int slot = slotOf(ended.worker());
        String id = ended.task().id();
        running.remove(ended.worker().id());
        if (ended.outcome() != Outcome.STOPPED || ended.spawnedNanos() != 0) {
            attempts.get(id).add(ended.attempt()); // else stopped before its process started: no attempt
        }
        boolean threadEnded = ended.outcome() == Outcome.TIMED_OUT;
        if (threadEnded) {
            slots[slot] = null;
        } else {
            idle[slot] = true;
            releaseLocksOf(id);
        }
        Optional<Event.Overhead> overhead = overhead(ended, handedAt.remove(id));
        switch (ended.outcome()) {
            case COMPLETED -> {
                Instant now = clock.instant();
                emit(new Event.TaskCompleted(now, id, ended.worker().id(), ended.attempt().number(), ended.attempt().duration(),
                        overhead));
                scheduler.completed(id, now);
            }
            case FAILED, CANNOT_START, TIMED_OUT -> failed(id, ended.worker(), slot, ended.attempt(), threadEnded, overhead);
            case STOPPED -> stopped(id);
        }
        ended.attempt().agent().ifPresent(agent -> agentAttemptEnded(id, ended.worker(), ended.attempt(), agent));
        ended.sessionFailure().ifPresent(e -> {
            throw e;
        });
    }

    /** What the engine spent around the attempt's process (SPEC §7, {@code --verbose}); empty when none started. */
    private static Optional<Event.Overhead> overhead(AttemptEnded ended, Long handed) {
        if (handed == null || ended.spawnedNanos() == 0) {
            return Optional.empty();
        }
        OptionalInt promptBytes = ended.attempt().agent().map(a -> OptionalInt.of(a.promptBytes())).orElse(OptionalInt.empty());
        return Optional.of(new Event.Overhead(Duration.ofNanos(ended.spawnedNanos() - handed),
                Duration.ofNanos(System.nanoTime() - ended.exitedNanos()), promptBytes));
    }

    /** Warns about files changed outside the declared ones; a rate limit pauses new agent starts. */
    private void agentAttemptEnded(String id, Worker worker, Attempt attempt, AgentAttempt agent) {
        if (!agent.changedOutside().isEmpty()) {
            emit(new Event.FilesChangedOutside(clock.instant(), id, worker.id(), attempt.number(), agent.changedOutside()));
        }
        agentGate.ended(attempt.startedAt(), agent).ifPresent(pause -> emit(new Event.AgentsPaused(clock.instant(), id, pause)));
    }

    private void crashed(WorkerCrashed crash) {
        int slot = slotOf(crash.worker());
        slots[slot] = null;
        idle[slot] = false;
        running.remove(crash.worker().id());
        if (crash.task().isPresent() && crash.attempt().isPresent()) {
            String id = crash.task().get().id();
            attempts.get(id).add(crash.attempt().get());
            failed(id, crash.worker(), slot, crash.attempt().get(), true, Optional.empty());
        } else {
            replace(crash.worker(), slot, Optional.empty(), "crashed: " + crash.cause());
        }
    }

    /** A failed attempt: retry it elsewhere, or give it up; replace the worker if its thread ended. */
    private void failed(String id, Worker worker, int slot, Attempt attempt, boolean threadEnded,
                        Optional<Event.Overhead> overhead) {
        Instant now = clock.instant();
        if (stopping) {
            // ended by the stop (the signal reached it, or we stopped it): stopped, never retried
            if (threadEnded) {
                replace(worker, slot, Optional.empty(), attempt.error().orElse("stopped"));
                heldLocks.remove(id);
            }
            stopped(id);
            return;
        }
        // an agent that cannot run at all (auth, config, quota) is not tried again
        boolean givingUp = attempt.number() >= settings.maxAttempts() || attempt.agent().filter(AgentAttempt::finalForRun).isPresent();
        String error = attempt.error().orElse("failed");
        emit(new Event.TaskFailed(now, id, worker.id(), attempt.number(), settings.maxAttempts(), error,
                attempt.exitCode(), givingUp, session.log(id), overhead));
        if (threadEnded) {
            replace(worker, slot, givingUp || stopping ? Optional.empty() : Optional.of(id), error);
            heldLocks.remove(id);
        }
        if (givingUp) {
            giveUp(id, now);
        } else if (stopping) {
            notRunReason.put(id, stopReason());
        } else {
            scheduler.ready(id);
        }
    }

    /**
     * A worker's thread ended (time-out or crash): its locks are released, found by their content,
     * and a new thread with the same id and the same outbox takes its place.
     */
    private void replace(Worker old, int slot, Optional<String> resuming, String reason) {
        wake(locks.releaseAllOf(old.id()));
        if (stopping) {
            return;
        }
        if (startWorker(slot, old.generation() + 1, old.outbox())) {
            emit(new Event.WorkerReplaced(clock.instant(), old.id(), resuming, reason));
        }
    }

    private void giveUp(String id, Instant now) {
        for (Scheduler.Skip skip : scheduler.givenUp(id, now)) {
            blockedBy.put(skip.task(), skip.blockedBy());
            emit(new Event.TaskSkipped(now, skip.task(), skip.blockedBy()));
        }
        if (!stopping && !p0Tasks.isEmpty()
                && p0Tasks.stream().allMatch(t -> scheduler.state(t) == State.FAILED || scheduler.state(t) == State.SKIPPED)) {
            givenUpP0 = true;
            critical("every P0 task was given up: " + String.join(", ",
                    p0Tasks.stream().filter(t -> scheduler.state(t) == State.FAILED).toList()));
        }
    }

    private void releaseLocksOf(String taskId) {
        List<String> hashes = heldLocks.remove(taskId);
        if (hashes != null && !hashes.isEmpty()) {
            locks.release(hashes);
            wake(hashes);
        }
    }

    /** Tasks deferred on these locks go back on the ready queue, to be taken up in this dispatch. */
    private void wake(List<String> hashes) {
        for (String hash : hashes) {
            List<String> waiting = waitingForLock.remove(hash);
            if (waiting != null) {
                waiting.forEach(scheduler::ready);
            }
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
        if (stopping) {
            return;
        }
        stopping = true;
        stopSignal.request();
        if (critical.isPresent()) {
            criticalFailure = critical;
        } else {
            interrupted = true;
        }
        stopDeadline = System.nanoTime() + settings.killGrace().plus(STOP_SLACK).toNanos();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && running.containsKey(slots[i].id())) {
                slots[i].stop();
            }
        }
    }

    private void stopped(String id) {
        stopped.add(id);
        notRunReason.put(id, stopReason());
    }

    private String stopReason() {
        return interrupted ? "interrupted" : "stopped: " + criticalFailure.orElse("critical failure");
    }

    /** Nothing runs and nothing is ready, yet tasks remain: they can never run. */
    private void stuck() {
        for (String id : scheduler.unended()) {
            String lock = null;
            for (Map.Entry<String, List<String>> waiting : waitingForLock.entrySet()) {
                if (waiting.getValue().contains(id)) {
                    lock = locks.holder(waiting.getKey()).map(h -> h.path() + " locked by " + h.worker()).orElse("a file lock");
                }
            }
            notRunReason.putIfAbsent(id, lock != null ? "waiting for " + lock : "its dependencies never completed");
        }
        LOG.warn("tasks that can never run: {}", notRunReason);
    }

    private void cleanUp() {
        // what the tasks left outside their process trees ((cmd &), setsid) carries this run's id, and no other
        ProcessTree.stopAll(ProcessTree.withEnvironment(Worker.RUN_ID, runId), settings.killGrace());
        for (Worker worker : slots) {
            if (worker != null) {
                worker.shutdown();
            }
        }
        try {
            heldLocks.values().forEach(locks::release);
            heldLocks.clear();
            for (int i = 0; i < slots.length; i++) {
                locks.releaseAllOf("worker-" + (i + 1));
            }
        } catch (SessionException e) {
            LOG.error("cannot release the locks", e);
        }
        for (Worker worker : slots) {
            if (worker != null) {
                try {
                    worker.join(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        inboxes.values().forEach(MessageFile::close);
        outboxes.values().forEach(MessageFile::close);
    }

    // ---- result ------------------------------------------------------------------------------

    private RunResult result(Instant startedAt) {
        Map<String, TaskResult> results = new LinkedHashMap<>();
        Set<String> workersUsed = new LinkedHashSet<>();
        for (PlannedTask task : scheduler.tasks()) {
            String id = task.id();
            List<Attempt> tried = attempts.get(id);
            tried.forEach(a -> workersUsed.add(a.worker()));
            State state = scheduler.state(id);
            TaskResult result = switch (state) {
                case COMPLETED -> new TaskResult(id, TaskStatus.COMPLETED, tried, Optional.empty(), List.of());
                case FAILED -> new TaskResult(id, TaskStatus.FAILED, tried,
                        Optional.of(tried.isEmpty() ? "failed" : tried.get(tried.size() - 1).error().orElse("failed")), List.of());
                case SKIPPED -> new TaskResult(id, TaskStatus.SKIPPED, tried,
                        Optional.of("blocked by " + String.join(", ", blockedBy.getOrDefault(id, List.of()))),
                        blockedBy.getOrDefault(id, List.of()));
                case ALREADY_DONE -> new TaskResult(id, TaskStatus.ALREADY_DONE, tried, Optional.empty(), List.of());
                default -> stopped.contains(id)
                        ? new TaskResult(id, TaskStatus.STOPPED, tried, Optional.of(notRunReason.getOrDefault(id, stopReason())), List.of())
                        : new TaskResult(id, TaskStatus.NOT_RUN, tried,
                        Optional.of(notRunReason.getOrDefault(id, stopping ? stopReason() : "not run")), List.of());
            };
            results.put(id, result);
        }
        // an agent that cannot run at all ends the run with exit 3, in one line (its login command), once its running
        // attempts finished; it also explains "every P0 task was given up" when those were its tasks
        Optional<String> critical = agentGate.stoppedBy().isPresent() && (criticalFailure.isEmpty() || givenUpP0)
                ? agentGate.stoppedBy() : criticalFailure;
        return new RunResult(startedAt, clock.instant(), results, workersUsed.size(), critical, interrupted,
                settings.agents().budget().map(AgentBudget::max));
    }

    private void emit(Event event) {
        try {
            events.on(event);
        } catch (RuntimeException e) {
            LOG.error("event listener failed on {}", event.type(), e);
        }
    }

    private int slotOf(Worker worker) {
        return Integer.parseInt(worker.id().substring("worker-".length())) - 1;
    }

    /** No worker thread can be started at all: a critical failure (SPEC §5.6). */
    private static final class NoWorkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoWorkerException(String message) {
            super(message);
        }
    }
}
