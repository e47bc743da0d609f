package dev.orchestrate.event;

import dev.orchestrate.run.Event;

/**
 * One method per event type: a listener that turns events into something (lines, JSON) implements
 * it, so it says what it does with every event. A new event type is a new method here, and no
 * printer compiles until it has said what it prints for it; {@link #dispatch} is the one place
 * that tells the types apart, and {@code EventHandlerTest} holds it to {@link Event}'s permitted types.
 *
 * @param <R> what the handler makes of an event
 */
public interface EventHandler<R> {

    R runStarted(Event.RunStarted e);

    R taskStarted(Event.TaskStarted e);

    R taskCompleted(Event.TaskCompleted e);

    R taskFailed(Event.TaskFailed e);

    R taskDeferred(Event.TaskDeferred e);

    R taskSkipped(Event.TaskSkipped e);

    R workerReplaced(Event.WorkerReplaced e);

    R filesChangedOutside(Event.FilesChangedOutside e);

    R agentsPaused(Event.AgentsPaused e);

    R groupCompleted(Event.GroupCompleted e);

    R runFinished(Event.RunFinished e);

    /** Calls the method of {@code event}'s type. */
    static <R> R dispatch(Event event, EventHandler<R> handler) {
        if (event instanceof Event.RunStarted e) {
            return handler.runStarted(e);
        } else if (event instanceof Event.TaskStarted e) {
            return handler.taskStarted(e);
        } else if (event instanceof Event.TaskCompleted e) {
            return handler.taskCompleted(e);
        } else if (event instanceof Event.TaskFailed e) {
            return handler.taskFailed(e);
        } else if (event instanceof Event.TaskDeferred e) {
            return handler.taskDeferred(e);
        } else if (event instanceof Event.TaskSkipped e) {
            return handler.taskSkipped(e);
        } else if (event instanceof Event.WorkerReplaced e) {
            return handler.workerReplaced(e);
        } else if (event instanceof Event.FilesChangedOutside e) {
            return handler.filesChangedOutside(e);
        } else if (event instanceof Event.AgentsPaused e) {
            return handler.agentsPaused(e);
        } else if (event instanceof Event.GroupCompleted e) {
            return handler.groupCompleted(e);
        } else if (event instanceof Event.RunFinished e) {
            return handler.runFinished(e);
        }
        throw new IllegalArgumentException("no handler method for " + event.getClass().getName());
    }
}
