package dev.orchestrate.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops whole process trees: TERM to every process of the tree (the descendants are listed before
 * the parent is touched, so children that get reparented are not lost), a grace period, then KILL
 * for whatever is still alive and whatever it started meanwhile.
 */
final class ProcessTree {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
    private static final long RESCAN_NANOS = Duration.ofMillis(100).toNanos();
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {
    }

    /** Stops {@code root} and all its descendants; returns once they are gone (or KILLed). */
    static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        stopAll(tree, grace);
    }

    /**
     * Stops one attempt: its tree, every process of its process group ({@code root} leads its own
     * group when it was started through {@code setsid}) and every process carrying
     * {@code tag} ({@code NAME=value}) in its environment, which finds double-forked children
     * that left both the tree and the group. Returns once all of them are gone (or KILLed).
     */
    static void stopAttempt(ProcessHandle root, String tag, Duration grace) {
        long group = root.pid();
        byte[] entry = tag.getBytes(StandardCharsets.UTF_8);
        Set<ProcessHandle> found = new LinkedHashSet<>(root.descendants().toList());
        found.add(root);
        found.addAll(scan(group, entry));
        LOG.debug("TERM to attempt {}: {}", tag, pids(found));
        found.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        long nextScan = System.nanoTime() + RESCAN_NANOS;
        while (true) {
            found.removeIf(p -> !alive(p));
            if (found.isEmpty() || System.nanoTime() - nextScan >= 0) {
                // what the ones found started meanwhile; a full scan costs a few ms, so not at every look
                found.addAll(scan(group, entry));
                nextScan = System.nanoTime() + RESCAN_NANOS;
                if (found.isEmpty()) {
                    return;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            park(POLL_NANOS);
        }
        for (int round = 0; round < 200 && !found.isEmpty(); round++) {
            Set<ProcessHandle> survivors = new LinkedHashSet<>(found);
            found.forEach(p -> p.descendants().forEach(survivors::add));
            LOG.debug("KILL to attempt {}: {}", tag, pids(survivors));
            survivors.forEach(ProcessHandle::destroyForcibly);
            pause();
            found.clear();
            survivors.stream().filter(ProcessTree::alive).forEach(found::add);
            found.addAll(scan(group, entry));
        }
    }

    /** Live processes (not this one) in process group {@code group} or whose environment holds {@code entry}. */
    private static List<ProcessHandle> scan(long group, byte[] entry) {
        return liveWhere(dir -> inGroup(dir, group) || environmentHolds(dir.resolve("environ"), entry));
    }

    /** Live processes (not this one) whose {@code /proc/<pid>} folder matches; none without {@code /proc}. */
    private static List<ProcessHandle> liveWhere(Predicate<Path> matches) {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != self && matches.test(dir)) {
                    ProcessHandle.of(pid).filter(ProcessTree::alive).ifPresent(found::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot scan /proc: {}", e.toString());
        }
        return found;
    }

    private static boolean inGroup(Path procDir, long group) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            // pid (comm) state ppid pgrp ...
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
            return fields.length >= 3 && fields[0].charAt(0) != 'Z' && Long.parseLong(fields[2]) == group;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void pause() {
        park(POLL_NANOS * 4);
    }

    /** Waits {@code nanos} even on an interrupted thread (a stop must finish), keeping the interrupt. */
    private static void park(long nanos) {
        boolean interrupted = Thread.interrupted();
        LockSupport.parkNanos(nanos);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every process listed (and the descendants each has when KILL comes). */
    static void stopAll(Collection<ProcessHandle> processes, Duration grace) {
        if (processes.isEmpty()) {
            return;
        }
        LOG.debug("TERM to {}", pids(processes));
        processes.forEach(ProcessHandle::destroy);
        if (waitUntilGone(processes, grace)) {
            return;
        }
        Set<ProcessHandle> survivors = new LinkedHashSet<>();
        for (ProcessHandle process : processes) {
            if (alive(process)) {
                survivors.add(process);
                process.descendants().forEach(survivors::add);
            }
        }
        LOG.debug("KILL to {}", pids(survivors));
        survivors.forEach(ProcessHandle::destroyForcibly);
        waitUntilGone(survivors, Duration.ofSeconds(1));
    }

    /**
     * Every live process whose environment holds {@code name=value} (Linux {@code /proc}; none elsewhere).
     * Finds what a task left behind even after it left its tree ({@code (cmd &)}, {@code setsid}).
     */
    static List<ProcessHandle> withEnvironment(String name, String value) {
        byte[] entry = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
        return liveWhere(dir -> environmentHolds(dir.resolve("environ"), entry));
    }

    /** Alive and not a zombie (a zombie is dead, only not yet reaped). */
    static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static boolean waitUntilGone(Collection<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                if (processes.stream().noneMatch(ProcessTree::alive)) {
                    return true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                // a pending interrupt would make parkNanos return at once: keep it for later
                interrupted |= Thread.interrupted();
                LockSupport.parkNanos(POLL_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean environmentHolds(Path environ, byte[] entry) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i - start == entry.length && Arrays.equals(bytes, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static List<Long> pids(Collection<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}
