package dev.orchestrate;

import dev.orchestrate.run.Coordinator;
import dev.orchestrate.run.ExitCode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM (SPEC §5.7): the JVM's shutdown hook stops what is under way and ends the
 * process with 130. During execution it asks the coordinator to stop every process tree and waits
 * while the main thread writes the summary and timeline; before execution (scouting, planning) it
 * writes the summary itself, since nothing else will.
 */
final class Interruption implements AutoCloseable {

    private static final long REPORT_WAIT_SECONDS = 20;

    private final CountDownLatch reportsWritten = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Runnable stop, boolean waitForReports) {
        this.hook = new Thread(() -> {
            try {
                stop.run();
                if (waitForReports) {
                    reportsWritten.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
            }
        }, "orchestrate-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Guards the coordinator's run until {@link #close()}: the reports written, the hook removed. */
    static Interruption guard(Coordinator coordinator) {
        return new Interruption(coordinator::interrupt, true);
    }

    /** Guards the steps before execution until {@link #close()}: on a signal, {@code writeSummary} runs, then the process ends. */
    static Interruption beforeExecution(Runnable writeSummary) {
        return new Interruption(writeSummary, false);
    }

    /** Removes the hook; callable more than once. */
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
