package dev.orchestrate.run;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

/** A project root, its session folder and the events of one coordinator run, for the engine's tests. */
final class Harness implements AutoCloseable {

    static final Duration KILL_GRACE = Duration.ofMillis(300);

    final Path root;
    final Session session;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<Thread> eventThreads = new CopyOnWriteArrayList<>();
    Coordinator coordinator;

    Harness(Path tmp) throws IOException {
        root = Files.createDirectories(tmp.resolve("project"));
        session = Session.open(tmp.resolve("parallel-session"), Clock.systemUTC());
    }

    RunSettings settings(int workers, int maxAttempts) {
        return new RunSettings(workers, maxAttempts, Schedule.DAG, root, KILL_GRACE);
    }

    RunResult run(ExecutionPlan plan, RunSettings settings) {
        return run(plan, settings, new ShellExecutor(), Thread::new);
    }

    RunResult run(ExecutionPlan plan, RunSettings settings, TaskExecutor executor, ThreadFactory threads) {
        coordinator = new Coordinator(plan, session, settings, event -> {
            events.add(event);
            eventThreads.add(Thread.currentThread());
        }, Clock.systemUTC(), executor, threads);
        return coordinator.run();
    }

    <T extends Event> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The position of the first event matching, for ordering assertions. */
    int indexOf(Class<? extends Event> type, String task) {
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (type.isInstance(event) && event.toString().contains("task=" + task + ",")) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for " + task + " in " + events);
    }

    List<String> lockFiles() throws IOException {
        try (Stream<Path> files = Files.list(session.locks())) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Lines the tasks appended to {@code name} in the project root. */
    List<String> lines(String name) throws IOException {
        return Files.readAllLines(root.resolve(name));
    }

    /** Live processes whose command line holds {@code marker}. */
    static List<ProcessHandle> processesWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessTree::alive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    @Override
    public void close() {
        session.close();
    }
}
