package dev.orchestrate.run.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a prompt to a child's stdin from a thread of its own, then closes stdin. Its own thread,
 * because a prompt larger than the pipe's buffer blocks its writer until the child reads, and a
 * child may not read before it has written its own output; an agent that exits or closes stdin
 * early only ends the feeding (a broken pipe is expected, logged at debug, never thrown).
 */
public final class PromptFeeder {

    private static final Logger LOG = LoggerFactory.getLogger(PromptFeeder.class);
    private static final int CHUNK = 64 * 1024;

    /**
     * What reached the child.
     *
     * @param complete whether every byte was written and stdin closed without error
     */
    public record Fed(long bytesWritten, long bytesTotal, boolean complete) {
    }

    private PromptFeeder() {
    }

    /** Feeds {@code prompt} to {@code process} (started with stdin as a pipe) and closes its stdin. */
    public static CompletableFuture<Fed> feed(Process process, Prompt prompt) {
        return feed(process, prompt.bytes(), prompt.taskId());
    }

    /**
     * Feeds {@code bytes} to {@code process}'s stdin and closes it, on a daemon thread named after
     * {@code label}. The future completes when stdin is closed; it never completes exceptionally
     * for an I/O error.
     */
    public static CompletableFuture<Fed> feed(Process process, byte[] bytes, String label) {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(bytes, "bytes");
        CompletableFuture<Fed> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(write(process, bytes, label));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
                throw e;
            }
        }, "prompt-feeder-" + label + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static Fed write(Process process, byte[] bytes, String label) {
        OutputStream stdin = process.getOutputStream();
        long written = 0;
        boolean complete = false;
        try {
            while (written < bytes.length) {
                int length = (int) Math.min(CHUNK, bytes.length - written);
                stdin.write(bytes, (int) written, length);
                written += length;
            }
            stdin.flush();
            complete = true;
        } catch (IOException e) {
            LOG.debug("{}: the agent stopped reading its prompt after {} of {} bytes ({})", label, written, bytes.length, e.getMessage());
        } finally {
            try {
                stdin.close();
            } catch (IOException e) {
                complete = false;
                LOG.debug("{}: closing the agent's stdin: {}", label, e.getMessage());
            }
        }
        return new Fed(written, bytes.length, complete);
    }
}
