package dev.orchestrate.event;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that runs one action at a fixed rate until closed: how a listener refreshes its
 * output when no event arrives. The action decides from the listener's Clock whether anything is due.
 */
final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService executor;

    private Ticker(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static Ticker every(Duration period, String name, Runnable action) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                // a failed refresh must not stop later ones; the next event or tick tries again
                org.slf4j.LoggerFactory.getLogger(Ticker.class).debug("{} failed", name, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new Ticker(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
