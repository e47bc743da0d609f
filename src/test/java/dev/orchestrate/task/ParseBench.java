package dev.orchestrate.task;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times {@link TaskFileParser} on generated 10,000-task files: one in the seed's format (priority
 * sections, {@code Files}, {@code Depends}, steps, a {@code ## Dependencies} section) and one in
 * spec-kit's (100 phases, {@code [P]} marks, paths in titles, inline {@code (depends on …)}).
 * Run by {@code bench/parse.sh}; prints one line per file.
 *
 * <p>Arguments: {@code [tasks] [directory]}; the files are kept in the directory for inspection.
 */
public final class ParseBench {

    private static final int ROUNDS = 7;

    private ParseBench() {
    }

    public static void main(String[] args) throws IOException {
        quietLogging();
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("orchestrate-parse-bench");
        Files.createDirectories(dir);
        Path seed = Files.writeString(dir.resolve("seed-tasks.md"), seedFormat(tasks), StandardCharsets.UTF_8);
        Path specKit = Files.writeString(dir.resolve("spec-kit-tasks.md"), specKit(tasks), StandardCharsets.UTF_8);
        System.out.println("files in " + dir);
        time(seed);
        time(specKit);
    }

    /**
     * Wall time, and the parsing thread's own CPU time: on a shared machine the wall time also
     * counts other processes, the CPU time does not.
     */
    private static void time(Path file) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] millis = new long[ROUNDS];
        long[] cpu = new long[ROUNDS];
        TaskFile parsed = null;
        for (int r = 0; r < ROUNDS; r++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            parsed = TaskFileParser.parse(file);
            millis[r] = (System.nanoTime() - start) / 1_000_000;
            cpu[r] = (threads.getCurrentThreadCpuTime() - startCpu) / 1_000_000;
        }
        long first = millis[0];
        long firstCpu = cpu[0];
        Arrays.sort(millis);
        Arrays.sort(cpu);
        long edges = parsed.tasks().stream().mapToLong(t -> t.dependsOn().size() + t.orderedAfter().size()).sum();
        System.out.printf(Locale.ROOT, "%-9s %6d tasks %5.1f MB %6d edges | first parse %4d ms (cpu %4d) | median of %d %4d ms (cpu %4d)%n",
                parsed.format(), parsed.tasks().size(), Files.size(file) / 1e6, edges, first, firstCpu, ROUNDS,
                millis[ROUNDS / 2], cpu[ROUNDS / 2]);
    }

    static String seedFormat(int tasks) {
        Random random = new Random(1);
        StringBuilder b = new StringBuilder("# Tasks: generated benchmark\nGenerated: 2024-12-09 10:00\n\n");
        String[] sections = {"## P0 Critical", "## P1 High", "## P2 Medium", "## P3 Nice to have"};
        for (int i = 1; i <= tasks; i++) {
            if ((i - 1) % (tasks / 4 + 1) == 0) {
                b.append(sections[Math.min(3, (i - 1) / (tasks / 4 + 1))]).append("\n\n");
            }
            b.append(String.format(Locale.ROOT, "### T%05d: Change module %d so that it does thing %d%n", i, i % 500, i));
            b.append(String.format(Locale.ROOT, "**Files**: src/module%d/file%d.ts:%d, `src/shared/util%d.ts`%n",
                    i % 500, i, 10 + i % 90, i % 50));
            if (i == 1) {
                b.append("**Depends**: none\n");
            } else {
                int a = Math.max(1, i - 1 - random.nextInt(20));
                int c = Math.max(1, i - 1 - random.nextInt(200));
                b.append(String.format(Locale.ROOT, "**Depends**: T%05d, T%05d%n", a, c));
            }
            b.append("**Success**: the tests of module ").append(i % 500).append(" pass\n");
            b.append("- [ ] edit the code\n- [ ] run the tests\n\n");
        }
        b.append("## Dependencies\n");
        for (int i = 10; i < tasks; i += 10) {
            b.append(String.format(Locale.ROOT, "T%05d → T%05d-T%05d%n", i - 9, i, Math.min(tasks, i + 3)));
        }
        return b.toString();
    }

    static String specKit(int tasks) {
        StringBuilder b = new StringBuilder("---\ndescription: \"generated benchmark\"\n---\n\n# Tasks: benchmark\n\n");
        int perPhase = 100;
        for (int i = 1; i <= tasks; i++) {
            if ((i - 1) % perPhase == 0) {
                int phase = (i - 1) / perPhase + 1;
                b.append(String.format(Locale.ROOT, "%n## Phase %d: Story %d (Priority: P%d)%n%n", phase, phase, phase % 4));
            }
            boolean parallel = i % 3 != 0;
            String inline = i % 17 == 0 && i > 5 ? String.format(Locale.ROOT, " (depends on T%05d)", i - 5) : "";
            b.append(String.format(Locale.ROOT, "- [%s] T%05d%s [US%d] Implement feature %d in src/feature%d/impl%d.py%s%n",
                    i % 5 == 0 ? "X" : " ", i, parallel ? " [P]" : "", i / perPhase + 1, i, i % 300, i, inline));
        }
        b.append("\n## Dependencies\n\n");
        for (int i = 1; i + 20 < tasks; i += 97) {
            b.append(String.format(Locale.ROOT, "- Tests (T%05d-T%05d) before implementation (T%05d–T%05d)%n", i, i + 3, i + 10, i + 20));
        }
        return b.toString();
    }

    /** The shaded jar carries logback, whose default is DEBUG on the console; the figures should stand alone. */
    private static void quietLogging() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
            ((ch.qos.logback.classic.Logger) root).setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
