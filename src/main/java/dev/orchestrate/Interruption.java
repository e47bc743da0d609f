package dev.orchestrate;

import dev.orchestrate.run.Coordinator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM during execution (SPEC §5.7): the JVM's shutdown hook asks the coordinator to
 * stop every process tree, waits while the main thread writes the summary and timeline, then ends
 * the process with 130.
 */
final class Interruption implements AutoCloseable {

    static final int EXIT_CODE = 130;
    private static final long REPORT_WAIT_SECONDS = 20;

    private final CountDownLatch reportsWritten = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Coordinator coordinator) {
        this.hook = new Thread(() -> {
            coordinator.interrupt();
            try {
                reportsWritten.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_CODE);
        }, "orchestrate-interrupt");
    }

    /** Guards the coordinator's run until {@link #close()}: the reports written, the hook removed. */
    static Interruption guard(Coordinator coordinator) {
        Interruption interruption = new Interruption(coordinator);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    @Override
    public void close() {
        reportsWritten.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it ends the process once it sees the latch
        }
    }
}
