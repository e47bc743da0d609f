package dev.orchestrate.run;

import dev.orchestrate.plan.Executor;
import dev.orchestrate.session.MessageFile;
import dev.orchestrate.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's worker slots, {@code worker-1} to {@code worker-N}: which have a live thread, which of
 * those are idle and which run a task, which lost the chance of one. A slot's thread starts only
 * when a task needs it. Owned by the coordinator thread.
 */
final class WorkerSlots {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerSlots.class);

    /** Makes the worker of a slot; {@code outbox} is the slot's, kept across its threads. */
    @FunctionalInterface
    interface Hiring {
        Worker worker(String id, int generation, MessageFile outbox);
    }

    /** What a slot holds: no thread yet (or none since its thread ended), a worker idle or busy, or no thread ever. */
    private sealed interface State permits Empty, Idle, Busy, Lost {
    }

    private record Empty() implements State {
    }

    private record Idle(Worker worker) implements State {
    }

    private record Busy(Worker worker, TaskRun task) implements State {
    }

    /** No thread could be started here: the slot is not used again. */
    private record Lost() implements State {
    }

    /** One worker slot: its id, the inbox and outbox its threads share, and what it holds now. */
    static final class Slot {
        private final String id;
        private MessageFile inbox;
        private MessageFile outbox;
        private State state = new Empty();

        private Slot(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        /** The live worker; only for a slot that has one. */
        Worker worker() {
            if (state instanceof Idle idle) {
                return idle.worker();
            }
            if (state instanceof Busy busy) {
                return busy.worker();
            }
            throw new IllegalStateException(id + " has no live worker");
        }

        MessageFile inbox() {
            return inbox;
        }

        private Optional<Worker> live() {
            return state instanceof Idle || state instanceof Busy ? Optional.of(worker()) : Optional.empty();
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final Session session;
    private final Hiring hiring;
    private final ThreadFactory threads;

    WorkerSlots(int count, Session session, Hiring hiring, ThreadFactory threads) {
        for (int i = 1; i <= count; i++) {
            slots.add(new Slot("worker-" + i));
        }
        this.session = session;
        this.hiring = hiring;
        this.threads = threads;
    }

    /** The slot of the worker that reported. */
    Slot of(Worker worker) {
        return slots.stream().filter(s -> s.id.equals(worker.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no slot " + worker.id()));
    }

    /** Whether a task could be handed out now: an idle worker, or a slot whose thread may still start. */
    boolean available() {
        return slots.stream().anyMatch(s -> s.state instanceof Idle || s.state instanceof Empty);
    }

    boolean anyBusy() {
        return slots.stream().anyMatch(s -> s.state instanceof Busy);
    }

    /** The ids of the workers running a task. */
    List<String> busy() {
        return slots.stream().filter(s -> s.state instanceof Busy).map(Slot::id).toList();
    }

    int busyWithAgents() {
        return (int) slots.stream()
                .filter(s -> s.state instanceof Busy busy && busy.task().task().executor() == Executor.AGENT).count();
    }

    /**
     * An idle worker that has not tried this task yet, else a new worker, else any idle one (not
     * the one it last failed on where possible); empty when none is free.
     */
    Optional<Slot> pick(TaskRun task) {
        Set<String> tried = task.triedOn();
        for (Slot slot : slots) {
            if (slot.state instanceof Idle && !tried.contains(slot.id)) {
                return Optional.of(slot);
            }
        }
        for (Slot slot : slots) {
            if (slot.state instanceof Empty && start(slot, 1)) {
                return Optional.of(slot);
            }
        }
        String last = tried.isEmpty() ? null : List.copyOf(tried).get(tried.size() - 1);
        Optional<Slot> fallback = Optional.empty();
        for (Slot slot : slots) {
            if (slot.state instanceof Idle) {
                if (!slot.id.equals(last)) {
                    return Optional.of(slot);
                }
                fallback = Optional.of(slot);
            }
        }
        return fallback;
    }

    /**
     * Starts a worker thread in {@code slot}; false (and the slot lost) when no thread can be started.
     *
     * @throws NoWorkerException when no slot has or can have a thread any more
     */
    boolean start(Slot slot, int generation) {
        if (slot.outbox == null) {
            slot.outbox = MessageFile.outbox(session, slot.id);
            slot.inbox = MessageFile.inbox(session, slot.id);
        }
        Worker worker = hiring.worker(slot.id, generation, slot.outbox);
        try {
            worker.start(threads);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("cannot start {}", slot.id, e);
            slot.state = new Lost();
            if (slots.stream().noneMatch(s -> s.live().isPresent()) && !available()) {
                throw new NoWorkerException("no worker can be started: " + e);
            }
            return false;
        }
        slot.state = new Idle(worker);
        return true;
    }

    void busy(Slot slot, TaskRun task) {
        slot.state = new Busy(slot.worker(), task);
    }

    /** The slot's attempt ended and its thread takes the next one. */
    void idle(Slot slot) {
        slot.state = new Idle(slot.worker());
    }

    /** The slot's thread has ended (a time-out or a crash). */
    void threadEnded(Slot slot) {
        slot.state = new Empty();
    }

    /** Stops the attempt of every busy worker. */
    void stopBusy() {
        for (Slot slot : slots) {
            if (slot.state instanceof Busy busy) {
                busy.worker().stop();
            }
        }
    }

    List<String> ids() {
        return slots.stream().map(Slot::id).toList();
    }

    /** Tells every live worker to finish its thread. */
    void shutdown() {
        slots.forEach(s -> s.live().ifPresent(Worker::shutdown));
    }

    /** Waits a little for each live worker's thread to end. */
    void join(Duration each) {
        for (Slot slot : slots) {
            Optional<Worker> worker = slot.live();
            if (worker.isPresent()) {
                try {
                    worker.get().join(each);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Closes the inboxes and outboxes. */
    void close() {
        slots.stream().map(s -> s.inbox).filter(Objects::nonNull).forEach(MessageFile::close);
        slots.stream().map(s -> s.outbox).filter(Objects::nonNull).forEach(MessageFile::close);
    }

    /** No worker thread can be started at all: a critical failure (SPEC §5.6). */
    static final class NoWorkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoWorkerException(String message) {
            super(message);
        }
    }
}
