/**
 * The execution phase (SPEC §5.4–§5.7): {@link dev.orchestrate.run.Coordinator} runs an execution plan
 * on worker threads.
 *
 * <p>Threads. The caller of {@code Coordinator.run()} is the coordinator thread: it alone owns the
 * scheduling state ({@code Scheduler}: dependencies, open priority level or group, ready queue by
 * remaining critical path, over the plan's {@code TaskGraph}), one {@code TaskRun} per task (its attempts,
 * the workers it tried, its locks, why it ended) and one slot per worker ({@code WorkerSlots}: empty, idle,
 * busy with a task, or lost); the {@code Dispatcher} hands ready tasks out, {@code TaskLocks} takes and
 * releases their file locks, and the coordinator emits every event.
 * Workers ({@code worker-1}…) are threads started when first needed; each takes one assignment at a
 * time from its own queue, runs it through a {@link dev.orchestrate.run.TaskExecutor}, enforces the
 * time limit, writes the attempt to its outbox and reports on the coordinator's one queue, which the
 * coordinator blocks on: no polling anywhere on the normal path.
 *
 * <p>Locks and deferral. The coordinator takes a task's file locks (in the worker's name) just before
 * handing it over; a task whose file is locked is parked under that lock and put back on the ready
 * queue in the same step that releases the lock, so it starts at the next dispatch.
 *
 * <p>Replacement. A worker whose attempt timed out has already stopped the process tree; it reports
 * and its thread ends. The coordinator releases every lock whose file names that worker, starts a new
 * thread with the same id and outbox, and puts the task back on the queue (a crashed thread likewise).
 *
 * <p>Stopping. {@code interrupt()} or a critical failure: no more dispatching, running workers are
 * interrupted and stop their trees (TERM, grace, KILL), processes that left their tree but carry the
 * session's {@code ORCHESTRATE_SESSION_DIR} are stopped too, every lock is released, and
 * {@code run()} returns the result.
 */
package dev.orchestrate.run;
