package dev.orchestrate.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Drives a {@link Scheduler} the way the coordinator does, with workers that take no real time: up
 * to {@code workers} tasks run at once, each for the time given to it (none unless said), and a fake
 * clock jumps to the next end. It logs what the process-level tests have tasks write to a file
 * ({@code start A}, {@code end A}), and notes where in that log each group completed.
 */
final class SimulatedWorkers {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private record Running(String task, Instant endsAt, int started) {
    }

    private final int workers;
    private final Map<String, Duration> durations = new HashMap<>();
    private final List<Scheduler.GroupDone> groupsDone = new ArrayList<>();
    private final Map<String, Integer> groupDoneAt = new HashMap<>();

    SimulatedWorkers(int workers) {
        this.workers = workers;
    }

    /** Task {@code id} runs for {@code seconds} of the fake clock. */
    SimulatedWorkers taking(String id, double seconds) {
        durations.put(id, Duration.ofMillis(Math.round(seconds * 1000)));
        return this;
    }

    /** Runs every task the scheduler releases until none is left; each completes. Returns the log, in order. */
    List<String> run(Scheduler scheduler) {
        List<String> log = new ArrayList<>();
        PriorityQueue<Running> running = new PriorityQueue<>(
                Comparator.comparing(Running::endsAt).thenComparingInt(Running::started));
        Instant now = T0;
        int started = 0;
        while (true) {
            while (running.size() < workers && scheduler.hasReady()) {
                String id = scheduler.nextReady().orElseThrow();
                scheduler.started(id, now);
                log.add("start " + id);
                running.add(new Running(id, now.plus(durations.getOrDefault(id, Duration.ZERO)), started++));
            }
            Running next = running.poll();
            if (next == null) {
                return log;
            }
            now = next.endsAt();
            scheduler.completed(next.task(), now);
            log.add("end " + next.task());
            for (Scheduler.GroupDone done : scheduler.drainGroupsDone()) {
                groupsDone.add(done);
                groupDoneAt.put(done.group(), log.size());
            }
        }
    }

    /** Where in the log the group completed: the lines before that position came first. */
    int groupDoneAt(String group) {
        return groupDoneAt.get(group);
    }

    /** The groups that completed, in the order they did. */
    List<Scheduler.GroupDone> groupsDone() {
        return groupsDone;
    }
}
