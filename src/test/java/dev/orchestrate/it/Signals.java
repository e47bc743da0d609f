package dev.orchestrate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Signals for the integration tests: what this JVM ignores, and sending one to a process or a process group. */
final class Signals {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Signals() {
    }

    /**
     * Whether this JVM was started with {@code signal} ignored ({@code nohup}, a background job of a
     * script): its children inherit that, and the JVM then installs no handler for it.
     */
    static boolean ignored(int signal) {
        try {
            Optional<String> line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("SigIgn:")).findFirst();
            return line.isPresent() && new BigInteger(line.get().substring("SigIgn:".length()).strip(), 16).testBit(signal - 1);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Skips the test, saying why, when the jar under test would ignore {@code name}. */
    static void assumeNotIgnored(String name) {
        int number = switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(name);
        };
        Assumptions.assumeFalse(ignored(number), "SIG" + name + " is ignored by this build (started under nohup or as a"
                + " background job): the jar under test inherits that and cannot be stopped by it");
    }

    /** Skips the test, saying why, where util-linux setsid is missing. */
    static void assumeSetsid() {
        Assumptions.assumeTrue(Files.isExecutable(SETSID), "needs " + SETSID + " to start orchestrate as a process group leader");
    }

    /** {@code builder}'s command run as the leader of a new session and process group, as a shell's job is. */
    static ProcessBuilder asGroupLeader(ProcessBuilder builder) {
        List<String> command = new java.util.ArrayList<>(builder.command());
        command.add(0, SETSID.toString());
        return builder.command(command);
    }

    /** {@code kill -NAME -- -pgid}: the whole process group, as a terminal's Ctrl-C or a CI cancel does. */
    static void toGroup(long group, String name) throws Exception {
        send(name, "-" + group);
    }

    static void toProcess(long pid, String name) throws Exception {
        send(name, Long.toString(pid));
    }

    private static void send(String name, String target) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, "--", target).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + name + " " + target).isZero();
    }

    /** Live processes (not zombies) whose command line contains {@code marker}. */
    static List<ProcessHandle> withMarker(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(Signals::notZombie)
                .toList();
    }

    private static boolean notZombie(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }
}
