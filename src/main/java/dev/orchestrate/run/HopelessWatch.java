package dev.orchestrate.run;

import dev.orchestrate.run.agent.AgentCommand;
import dev.orchestrate.run.agent.HopelessOutput;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an agent attempt's log as it grows and stops the agent's process tree once its output
 * shows it can no longer succeed ({@link HopelessOutput}); the attempt then ends with that reason
 * instead of its full time limit. One daemon thread per agent attempt, ending with the process.
 */
final class HopelessWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HopelessWatch.class);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final int MAX_CHUNK = 1 << 20;

    private final Process process;
    private final Path log;
    private final AgentCommand command;
    private final Duration killGrace;
    private final AtomicReference<HopelessOutput.Hopeless> found = new AtomicReference<>();
    private long position;
    private String carry = "";

    private HopelessWatch(Process process, Path log, long from, AgentCommand command, Duration killGrace) {
        this.process = process;
        this.log = log;
        this.position = from;
        this.command = command;
        this.killGrace = killGrace;
    }

    /** Starts watching {@code log} from {@code from} (this attempt's first byte) while {@code process} runs. */
    static HopelessWatch start(Process process, Path log, long from, AgentCommand command, Duration killGrace) {
        HopelessWatch watch = new HopelessWatch(process, log, from, command, killGrace);
        Thread thread = new Thread(watch, "hopeless-watch-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    /** What made the watch stop the agent, if it did. */
    Optional<HopelessOutput.Hopeless> found() {
        return Optional.ofNullable(found.get());
    }

    @Override
    public void run() {
        try {
            while (!process.waitFor(INTERVAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                Optional<HopelessOutput.Hopeless> hopeless = HopelessOutput.in(readNew(), command);
                if (hopeless.isPresent()) {
                    found.set(hopeless.get());
                    LOG.warn("stopping {} (pid {}): {}", command.name(), process.pid(), hopeless.get().reason());
                    ProcessTree.stop(process.toHandle(), killGrace);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("watching {} failed: {}", log, e.toString());
        }
    }

    /** The log's new text, after the last line of what was read before (a sign may straddle two reads). */
    private String readNew() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long size = file.length();
            if (size <= position) {
                return carry;
            }
            long from = Math.max(position, size - MAX_CHUNK);
            byte[] bytes = new byte[(int) (size - from)];
            file.seek(from);
            file.readFully(bytes);
            position = size;
            String text = carry + new String(bytes, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            String rest = lastNewline < 0 ? text : text.substring(lastNewline + 1);
            carry = rest.length() > HopelessOutput.MAX_SIGN_CHARS * 4 ? "" : rest;
            return text;
        } catch (IOException e) {
            return carry;
        }
    }
}
