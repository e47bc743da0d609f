package dev.orchestrate.run;

import dev.orchestrate.lock.Acquisition;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.run.agent.AgentGate;
import dev.orchestrate.session.WorkerInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Hands ready tasks to free workers, most urgent first: an agent task only when the agent gate lets
 * it start, each on the worker it suits best, with its file locks taken in that worker's name. A
 * task whose file is locked waits for the lock; an agent task the gate holds back waits for the gate.
 * Part of the coordinator thread's work.
 */
final class Dispatcher {

    private final Scheduler scheduler;
    private final Map<String, TaskRun> runs;
    private final WorkerSlots slots;
    private final TaskLocks locks;
    private final AgentGate agentGate;
    private final int maxAttempts;
    private final Clock clock;
    private final EventListener events;
    /** Agent tasks the gate made wait: back on the ready queue when a pause ends or an agent attempt ends. */
    private final List<String> heldBack = new ArrayList<>();

    /** The coordinator's scheduling state that a dispatch reads and changes. */
    record Scheduling(Scheduler scheduler, Map<String, TaskRun> runs, WorkerSlots slots, TaskLocks locks, AgentGate agentGate) {
    }

    Dispatcher(Scheduling state, int maxAttempts, Clock clock, EventListener events) {
        this.scheduler = state.scheduler();
        this.runs = state.runs();
        this.slots = state.slots();
        this.locks = state.locks();
        this.agentGate = state.agentGate();
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.events = events;
    }

    /** Whether agent tasks wait for the gate to open. */
    boolean holdsBack() {
        return !heldBack.isEmpty();
    }

    /** When to ask the gate again for the tasks it holds back, if a time will open it. */
    Optional<Duration> recheckAfter() {
        return agentGate.recheckAfter(slots.busyWithAgents());
    }

    /** Hands out ready tasks while there are free workers and {@code mayStart} holds. */
    void dispatch(BooleanSupplier mayStart) {
        locks.retryOtherRuns();
        if (!heldBack.isEmpty() && !(agentGate.admit(slots.busyWithAgents()) instanceof AgentGate.Wait)) {
            heldBack.forEach(scheduler::ready);
            heldBack.clear();
        }
        while (mayStart.getAsBoolean() && scheduler.hasReady() && slots.available()) {
            TaskRun run = runs.get(scheduler.nextReady().orElseThrow());
            long taken = System.nanoTime();
            if (run.task().executor() == Executor.AGENT && !admitAgent(run)) {
                continue;
            }
            Optional<WorkerSlots.Slot> slot = slots.pick(run);
            if (slot.isEmpty()) {
                scheduler.ready(run.id());
                return;
            }
            String worker = slot.get().id();
            Optional<Acquisition.Held> held = locks.take(run, worker);
            // woken with the others when the lock is released, it may find the file taken again: say so once
            if (held.isPresent() && run.deferredOn(held.get().hash())) {
                events.on(new Event.TaskDeferred(clock.instant(), run.id(), worker, held.get().holder().worker(), held.get().path()));
            }
            if (held.isEmpty()) {
                hand(slot.get(), run, taken);
            }
        }
    }

    /**
     * Asks the agent gate whether this agent task may start now: if it must wait (a rate-limit pause,
     * every --agent-workers slot busy) it is held back; if it may not run at all, it ends not_run.
     */
    private boolean admitAgent(TaskRun run) {
        AgentGate.Admission admission = agentGate.admit(slots.busyWithAgents());
        if (admission instanceof AgentGate.Wait) {
            heldBack.add(run.id());
            return false;
        }
        if (admission instanceof AgentGate.Refused refused) {
            Instant now = clock.instant();
            run.notRun(refused.reason());
            skipped(scheduler.notRun(run.id(), now), now);
            return false;
        }
        return true;
    }

    /** These tasks were skipped: they will not run, and say which given-up tasks they waited for. */
    void skipped(List<Scheduler.Skip> skipped, Instant now) {
        for (Scheduler.Skip skip : skipped) {
            runs.get(skip.task()).blockedBy(skip.blockedBy());
            events.on(new Event.TaskSkipped(now, skip.task(), skip.blockedBy()));
        }
    }

    /** @param taken when the task was taken off the ready queue (System.nanoTime) */
    private void hand(WorkerSlots.Slot slot, TaskRun run, long taken) {
        PlannedTask task = run.task();
        int attempt = run.nextAttempt();
        Instant now = clock.instant();
        slot.inbox().add(new WorkerInbox.Entry(run.id(), task.task().title(), attempt, maxAttempts,
                task.executor().name().toLowerCase(Locale.ROOT), task.task().command(),
                task.files().stream().map(PlannedFile::path).toList(), task.timeout().toSeconds(), now));
        slots.busy(slot, run);
        run.handedTo(slot.id(), taken);
        scheduler.started(run.id(), now);
        slot.worker().hand(new Worker.Assignment(task, attempt, maxAttempts));
        events.on(new Event.TaskStarted(now, run.id(), slot.id(), attempt, maxAttempts));
    }
}
