package dev.orchestrate.run;

/** Receives every event of a run, on the coordinator thread, in order. */
@FunctionalInterface
public interface EventListener extends AutoCloseable {

    void on(Event event);

    /** Flushes what the listener holds; called once after {@link Event.RunFinished}. */
    @Override
    default void close() {
    }

    /** One listener that passes every event to each of these, in order. */
    static EventListener all(java.util.List<? extends EventListener> listeners) {
        java.util.List<EventListener> copy = java.util.List.copyOf(listeners);
        return new EventListener() {
            @Override
            public void on(Event event) {
                copy.forEach(l -> l.on(event));
            }

            @Override
            public void close() {
                copy.forEach(EventListener::close);
            }
        };
    }
}
