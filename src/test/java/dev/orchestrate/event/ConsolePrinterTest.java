package dev.orchestrate.event;

import static dev.orchestrate.event.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.run.MutableClock;
import dev.orchestrate.event.Terminal.ColorMode;
import dev.orchestrate.event.Terminal.Verbosity;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.Attempt;
import dev.orchestrate.run.Event;
import dev.orchestrate.run.EventListener;
import dev.orchestrate.run.RunResult;
import dev.orchestrate.run.TaskResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePrinterTest {

    @TempDir
    Path dir;
    Path logs;
    ExecutionPlan plan;
    final MutableClock clock = new MutableClock(RunFixture.T0);
    final Screen screen = new Screen();

    @BeforeEach
    void logsOfTheSampleRun() throws IOException {
        plan = RunFixture.sample(dir.resolve("tasks.md"));
        logs = Files.createDirectories(dir.resolve("logs"));
        StringBuilder log3 = new StringBuilder("=== T003 attempt 1 on worker-3 ===\n");
        for (int i = 1; i <= 40; i++) {
            log3.append("line ").append(i).append('\n');
        }
        log3.append("\u001b[31mFAIL\u001b[0m session store: expected 2 got 3 ✗\n");
        Files.writeString(logs.resolve("T003.log"), log3);
        Files.writeString(logs.resolve("T007.log"), "=== T007 attempt 1 ===\nwaiting for the database…\n");
    }

    private ConsolePrinter printer(Terminal terminal) {
        return new ConsolePrinter(plan, terminal, clock);
    }

    private void play(EventListener listener, List<Event> events) {
        for (Event event : events) {
            clock.set(event.ts());
            listener.on(event);
        }
        listener.close();
    }

    /** The event lines only: neither the status board (four rules), nor the failures again and the summary after the last board. */
    private static List<String> eventLines(String out) {
        List<String> all = out.lines().toList();
        int lastBoard = all.lastIndexOf("ORCHESTRATION STATUS");
        List<String> lines = lastBoard > 0 ? all.subList(0, lastBoard - 1) : all;
        List<String> kept = new ArrayList<>();
        int rulesLeft = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean rule = line.matches("(═{20,}|={20,})");
            if (rule && rulesLeft == 0 && i + 1 < lines.size()) {
                rulesLeft = lines.get(i + 1).equals("ORCHESTRATION STATUS") ? 4 : 3;
            }
            if (rulesLeft > 0) {
                if (rule) {
                    rulesLeft--;
                }
                continue;
            }
            if (!line.isEmpty()) {
                kept.add(line);
            }
        }
        return kept;
    }

    @Test
    void eachEventPrintsTheLineOfTheSpec() {
        play(printer(screen.plain()), RunFixture.sampleEvents(logs));

        List<String> lines = eventLines(screen.out());
        List<String> expected = new ArrayList<>();
        expected.add("Running 6 tasks on 3 workers (1 already done)");
        expected.add("⚡ T001 started by worker-1");
        expected.add("⚡ T002 started by worker-2");
        expected.add("⚡ T003 started by worker-3");
        expected.add("✗  T003 failed: exit 1 (attempt 1/3)");
        IntStream.rangeClosed(27, 40).forEach(i -> expected.add("    line " + i));
        expected.add("    FAIL session store: expected 2 got 3 ✗");
        expected.add("⚡ T007 started by worker-3");
        expected.add("✓  T001 completed by worker-1 (1.4s)");
        expected.add("⚡ T003 started by worker-1 (attempt 2/3)");
        expected.add("✓  T002 completed by worker-2 (2.1s)");
        expected.add("⚡ T004 started by worker-2");
        expected.add("✓  T003 completed by worker-1 (1.5s) on attempt 2 of 3");
        expected.add("═══ G1 finished: 3 completed, 1 already done in 3.0s ═══");
        expected.add("✓  T004 completed by worker-2 (2.8s)");
        expected.add("✗  T007 failed: timeout after 5s (attempt 1/3)");
        expected.add("    waiting for the database…");
        expected.add("⚠️ worker-3 replaced; T007 goes back to the queue for attempt 2/3");
        expected.add("⚡ T007 started by worker-1 (attempt 2/3)");
        expected.add("✗  T007 failed: timeout after 5s (attempt 2/3)");
        expected.add("    waiting for the database…");
        expected.add("⚡ T007 started by worker-2 (attempt 3/3)");
        expected.add("✗  T007 failed: timeout after 5s (attempt 3/3) — giving up");
        expected.add("    waiting for the database…");
        expected.add("⏭  T008 skipped: blocked by T007");
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    @Test
    void aDeferredTaskNamesTheWorkerHoldingTheLock() {
        ConsolePrinter printer = printer(screen.plain());
        printer.on(new Event.TaskDeferred(at(1), "T003", "worker-1", "worker-2", "src/store.ts"));

        assertThat(screen.lines()).containsExactly("✗  T003 deferred: file locked by worker-2");
    }

    @Test
    void aWorkerReplacedWithoutATaskSaysOnlyThat() {
        printer(screen.plain()).on(new Event.WorkerReplaced(at(1), "worker-4", Optional.empty(), "crashed"));

        assertThat(screen.lines()).containsExactly("⚠️ worker-4 replaced");
    }

    @Test
    void aFailureShowsTheLastFifteenLinesOfItsLogIndentedAndCleanOfEscapes() {
        printer(screen.plain()).on(new Event.TaskFailed(at(1), "T003", "worker-3", 1, 3, "exit 1", OptionalInt.of(1),
                false, logs.resolve("T003.log")));

        List<String> lines = screen.lines();
        assertThat(lines).hasSize(16);
        assertThat(lines.get(0)).isEqualTo("✗  T003 failed: exit 1 (attempt 1/3)");
        assertThat(lines.subList(1, 16)).allMatch(l -> l.startsWith("    "));
        assertThat(lines.get(15)).isEqualTo("    FAIL session store: expected 2 got 3 ✗");
        assertThat(screen.out()).doesNotContain("\u001b");
    }

    @Test
    void aRetriedFailureShowsOnlyWhatItsOwnAttemptWrote() throws IOException {
        Path log = logs.resolve("T010.log");
        Files.writeString(log, "=== T010 attempt 1/3 on worker-1 at 2026-01-01T00:00:00.000Z ===\nfirst try broke\n"
                + "=== T010 attempt 2/3 on worker-2 at 2026-01-01T00:00:01.000Z ===\nsecond try broke\nagain\n"
                + "=== timeout after 5s ===\n");
        printer(screen.plain()).on(new Event.TaskFailed(at(2), "T010", "worker-2", 2, 3, "exit 1", OptionalInt.of(1),
                false, log));

        assertThat(screen.lines()).containsExactly("✗  T010 failed: exit 1 (attempt 2/3)", "    second try broke", "    again");
    }

    @Test
    void aFailureWhoseLogIsMissingPrintsOnlyItsLine() {
        printer(screen.plain()).on(new Event.TaskFailed(at(1), "T009", "worker-1", 1, 1, "cannot start: bash not found",
                OptionalInt.empty(), true, logs.resolve("T009.log")));

        assertThat(screen.lines()).containsExactly("✗  T009 failed: cannot start: bash not found (attempt 1/1) — giving up");
    }

    @Test
    void theSummaryIsTheBlockOfTheSpec() {
        Map<String, TaskResult> tasks = new LinkedHashMap<>();
        for (int i = 1; i <= 9; i++) {
            String id = String.format("T%03d", i);
            if (id.equals("T007")) {
                tasks.put(id, RunFixture.failed(id, new Attempt(1, "worker-2", at(0), at(5.6), OptionalInt.empty(),
                        Optional.of("timeout"))));
            } else {
                tasks.put(id, RunFixture.completed(id, RunFixture.ok(1, "worker-1", 0, 14)));
            }
        }
        RunResult result = new RunResult(RunFixture.T0, at(42), tasks, 5, Optional.empty(), false);

        List<String> summary = printer(screen.plain()).summary(result);

        assertThat(String.join("\n", summary)).isEqualTo(String.join("\n",
                "══════════════════════════════════════════════════════════",
                "EXECUTION SUMMARY",
                "══════════════════════════════════════════════════════════",
                "Completed: 8 of 9 tasks",
                "Failed: 1 task (T007: timeout)",
                "Skipped: 0 tasks",
                "Duration: 42 seconds",
                "Workers used: 5",
                "Parallelism achieved: 8.4x speedup",
                "══════════════════════════════════════════════════════════"));
    }

    @Test
    void theSummaryListsSkippedTasksWithWhatBlockedThemAndTheTasksAlreadyDone() {
        play(printer(screen.plain()), RunFixture.sampleEvents(logs));

        String out = screen.out();
        String summary = out.substring(out.lastIndexOf("EXECUTION SUMMARY"));
        assertThat(summary.lines().toList()).containsSubsequence(
                "Completed: 4 of 6 tasks",
                "Already done: 1 task",
                "Failed: 1 task (T007: timeout after 5s)",
                "Flaky: 1 task (T003 passed on attempt 2 of 3)",
                "Skipped: 1 task (T008 blocked by T007)",
                "Duration: 20 seconds",
                "Workers used: 3",
                "Parallelism achieved: 1.5x speedup");
    }

    @Test
    void aCriticalFailureIsNamedInTheSummary() {
        RunResult result = new RunResult(RunFixture.T0, at(3), Map.of("T001", new TaskResult("T001",
                dev.orchestrate.run.TaskStatus.NOT_RUN, List.of(), Optional.empty(), List.of())), 0,
                Optional.of("no worker could be started"), false);

        List<String> summary = printer(screen.plain()).summary(result);

        assertThat(summary).contains("Not run: 1 task", "Run stopped: no worker could be started");
    }

    @Test
    void inALogTheBoardComesAtMostOnceAMinuteAndAtTheEnd() {
        play(printer(screen.plain()), RunFixture.sampleEvents(logs));

        List<String> lines = screen.lines();
        assertThat(lines.stream().filter("ORCHESTRATION STATUS"::equals)).as("a 20-second run: the end's board only").hasSize(1);
        int board = lines.indexOf("ORCHESTRATION STATUS");
        assertThat(lines.get(board - 2)).isEqualTo("⏭  T008 skipped: blocked by T007");
        assertThat(lines.subList(board, lines.size())).contains("Time elapsed: 00:20", "EXECUTION SUMMARY");
    }

    @Test
    void theBoardShowsEachTaskWithItsStateTheGroupsWorkersAndTime() {
        ConsolePrinter printer = printer(screen.plain());
        List<Event> events = RunFixture.sampleEvents(logs);
        // up to the tenth event after the start: T003 has just completed, T004 and T007 run
        events.subList(0, 11).forEach(e -> {
            clock.set(e.ts());
            printer.on(e);
        });
        clock.set(at(63));
        printer.tick();

        String out = screen.out();
        String board = out.substring(out.indexOf("═══════════════════════════════════════════════════════════\nORCHESTRATION STATUS"));
        assertThat(board.lines().toList()).containsExactly(
                "═══════════════════════════════════════════════════════════",
                "ORCHESTRATION STATUS",
                "═══════════════════════════════════════════════════════════",
                "✓  T000: Bootstrap the repository (already done)",
                "✓  T001: Create the user model",
                "✓  T002: Add the login form",
                "✓  T003: Write the session store",
                "⚡ T004: Running on worker-2",
                "⚡ T007: Running on worker-3",
                "⏳ T008: Pending (depends on T007)",
                "═══════════════════════════════════════════════════════════",
                "Group G2: 0 completed | 2 running | 0 pending",
                "Workers: 2 active | 1 available",
                "Time elapsed: 01:03",
                "═══════════════════════════════════════════════════════════",
                "[██████████░░░░░░░░░░] 3/6 done · 2 running · 1m 03s elapsed · ETA 1.7s");
    }

    @Test
    void inALogAMinuteWithoutABoardBringsOneWithTheNextEvent() {
        ConsolePrinter printer = printer(screen.plain());
        printer.on(new Event.RunStarted(at(0), 2, 2, 2));
        printer.on(new Event.TaskStarted(at(0), "T001", "worker-1", 1, 3));
        clock.set(at(59));
        printer.on(new Event.TaskStarted(at(59), "T002", "worker-2", 1, 3));
        assertThat(screen.out()).doesNotContain("ORCHESTRATION STATUS");

        clock.set(at(61));
        printer.on(new Event.TaskCompleted(at(61), "T001", "worker-1", 1, Duration.ofSeconds(61)));

        assertThat(screen.out()).contains("ORCHESTRATION STATUS", "Time elapsed: 01:01");
    }

    @Test
    void inALogTheTickerPrintsTheBoardOnlyWhenAMinutePassedWithoutOne() {
        ConsolePrinter printer = printer(screen.plain());
        printer.tick();
        assertThat(screen.out()).as("nothing before the run starts").isEmpty();

        printer.on(new Event.RunStarted(at(0), 2, 2, 2));
        printer.on(new Event.TaskStarted(at(0), "T001", "worker-1", 1, 3));
        clock.set(at(59));
        printer.tick();
        assertThat(screen.out()).doesNotContain("ORCHESTRATION STATUS");

        clock.set(at(60));
        printer.tick();
        assertThat(screen.out()).contains("ORCHESTRATION STATUS", "Time elapsed: 01:00");

        clock.set(at(100));
        printer.tick();
        assertThat(screen.out().split("ORCHESTRATION STATUS", -1)).as("one board until a minute more passes").hasSize(2);
    }

    @Test
    void aThousandTaskRunInALogPrintsAboutTwoLinesPerTaskPlusTheSummary() {
        RunFixture fixture = RunFixture.plan(dir.resolve("tasks.md")).workers(5);
        for (int i = 1; i <= 1000; i++) {
            fixture.task(String.format("T%04d", i), "task " + i, "G1", i + 1);
        }
        plan = fixture.build();
        ConsolePrinter printer = printer(screen.plain());
        List<Event> events = new ArrayList<>();
        events.add(new Event.RunStarted(at(0), 1000, 1000, 5));
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (int i = 1; i <= 1000; i++) {
            String id = String.format("T%04d", i);
            double t = i * 0.1; // a 100-second run: the minute's board comes once
            events.add(new Event.TaskStarted(at(t), id, "worker-1", 1, 3));
            events.add(new Event.TaskCompleted(at(t + 0.05), id, "worker-1", 1, Duration.ofMillis(50)));
            results.put(id, RunFixture.completed(id, RunFixture.ok(1, "worker-1", t, t + 0.05)));
        }
        events.add(new Event.GroupCompleted(at(100.1), "G1", 1000, Duration.ofMillis(100_100)));
        events.add(new Event.RunFinished(at(100.2), new RunResult(RunFixture.T0, at(100.2), results, 1, Optional.empty(), false)));
        play(printer, events);

        List<String> lines = screen.lines();
        assertThat(lines.stream().filter("ORCHESTRATION STATUS"::equals)).hasSize(2);
        assertThat(lines.size()).isLessThanOrEqualTo(2 * 1000 + 2 * 40 + 20);
    }

    @Test
    void onATtyTheBoardAndTheProgressLineStayAtTheBottomRedrawnInPlace() {
        Terminal tty = screen.terminal(false, false, false, true, Verbosity.NORMAL);
        ConsolePrinter printer = printer(tty);
        List<Event> events = RunFixture.sampleEvents(logs);
        for (Event event : events.subList(0, events.size() - 1)) {
            clock.set(event.ts());
            printer.on(event);
            printer.tick();
        }

        List<String> screenNow = Vt.screen(screen.out());
        assertThat(screenNow.stream().filter("ORCHESTRATION STATUS"::equals)).as("one board on screen").hasSize(1);
        assertThat(screenNow.get(screenNow.size() - 1)).startsWith("[").contains("6/6 done · 0 running · 1 failed");
        assertThat(screenNow).contains("⏭  T008 skipped: blocked by T007", "✗  T007: Failed: timeout after 5s");
        assertThat(screen.out()).contains("\u001b[J");

        clock.set(at(20));
        printer.on(events.get(events.size() - 1));
        List<String> end = Vt.screen(screen.out());
        assertThat(end.stream().filter("ORCHESTRATION STATUS"::equals)).as("the end's board replaces the live one").hasSize(1);
        assertThat(end).noneMatch(l -> l.contains(" done · "));
        assertThat(end.get(end.size() - 2)).isEqualTo("Parallelism achieved: 1.5x speedup");
    }

    @Test
    void onATtyEveryLineOfTheLiveBlockFitsTheScreenAndTheBoardFitsItsHeight() {
        ExecutionPlan wide = RunFixture.plan(dir.resolve("tasks.md"))
                .task("T001", "Ajouter l’écran de connexion 🚀 avec une très longue description qui ne tient pas", "G1", 3)
                .task("T003", "写入会话存储写入会话存储写入会话存储写入会话存储", "G1", 5)
                .task("T004", "a", "G1", 6).task("T005", "b", "G1", 7).task("T006", "c", "G1", 8)
                .task("T007", "Run the suite — all of it, every single test in every module", "G1", 9)
                .task("T008", "Publish ✨", "G2", 10, "T007")
                .build();
        plan = wide;
        Terminal tty = new Terminal(screen.outStream, screen.errStream, false, false, false, true, Verbosity.NORMAL,
                TerminalSize.fixed(40, 20));
        ConsolePrinter printer = printer(tty);
        printer.on(new Event.RunStarted(at(0), 7, 7, 3));
        for (String id : List.of("T001", "T003", "T007")) {
            printer.on(new Event.TaskStarted(at(0), id, "worker-" + id.charAt(3), 1, 3));
        }
        clock.set(at(2));
        printer.on(new Event.TaskCompleted(at(2), "T001", "worker-1", 1, Duration.ofSeconds(2)));
        printer.tick();

        List<String> shown = Vt.screen(screen.out());
        assertThat(shown).allMatch(l -> TextWidth.of(l) <= 40, "at most 40 columns");
        int boardTop = shown.lastIndexOf("ORCHESTRATION STATUS") - 1;
        assertThat(shown.size() - boardTop).as("the live block fits 20 rows").isLessThanOrEqualTo(18);
        assertThat(shown).anyMatch(l -> l.startsWith("... ") && l.contains("more"));
    }

    @Test
    void onATtyABoardFollowedByOtherLinesIsPrintedAnew() {
        Terminal terminal = screen.terminal(false, false, false, true, Verbosity.NORMAL);
        ConsolePrinter printer = printer(terminal);
        printer.on(new Event.RunStarted(at(0), 2, 2, 2));
        int erasesBefore = screen.out().split("\u001b\\[J", -1).length;
        terminal.error("warning: something on stderr");
        clock.set(at(60));
        printer.tick();

        assertThat(screen.out().split("\u001b\\[J", -1)).as("nothing erased over the stderr line").hasSize(erasesBefore);
        assertThat(screen.out().split("ORCHESTRATION STATUS", -1)).hasSize(3);
    }

    @Test
    void withoutATtyTheBoardIsNeverRedrawn() {
        ConsolePrinter printer = printer(screen.plain());
        printer.on(new Event.RunStarted(at(0), 2, 2, 2));
        for (int s = 30; s <= 120; s += 30) {
            clock.set(at(s));
            printer.tick();
        }

        assertThat(screen.out()).doesNotContain("\u001b");
        assertThat(screen.out().split("ORCHESTRATION STATUS", -1)).hasSize(3);
    }

    @Test
    void aCiRunWithoutTtyHasNoEscapeSequenceAtAll() {
        Map<String, String> env = Map.of("CI", "true", "TERM", "xterm-256color", "LANG", "C.UTF-8");
        Terminal terminal = Terminal.detect(ColorMode.AUTO, false, false, Verbosity.VERBOSE, env, false,
                screen.outStream, screen.errStream, StandardCharsets.UTF_8);
        ConsolePrinter printer = printer(terminal);
        List<Event> events = RunFixture.sampleEvents(logs);
        for (Event event : events) {
            clock.set(event.ts().plusSeconds(31)); // every event also brings the 30-second board
            printer.on(event);
            printer.tick();
        }

        assertThat(screen.out()).contains("EXECUTION SUMMARY", "✓  T001 completed by worker-1 (1.4s)");
        assertThat(screen.out()).doesNotContain("\u001b");
        assertThat(screen.out().chars()).noneMatch(c -> c < 0x20 && c != '\n');
    }

    @Test
    void colourOnATerminalPaintsTheSymbolsAndNoColorTakesItAway() {
        Map<String, String> env = Map.of("TERM", "xterm-256color", "LANG", "en_US.UTF-8");
        Terminal tty = Terminal.detect(ColorMode.AUTO, false, false, Verbosity.NORMAL, env, true,
                screen.outStream, screen.errStream, StandardCharsets.UTF_8);
        printer(tty).on(new Event.TaskCompleted(at(1), "T001", "worker-1", 1, Duration.ofMillis(1400)));
        assertThat(screen.out()).isEqualTo("\u001b[32m✓ \u001b[0m T001 completed by worker-1 (1.4s)\n");

        Screen other = new Screen();
        Map<String, String> noColor = new java.util.HashMap<>(env);
        noColor.put("NO_COLOR", "");
        Terminal plain = Terminal.detect(ColorMode.AUTO, false, false, Verbosity.NORMAL, noColor, true,
                other.outStream, other.errStream, StandardCharsets.UTF_8);
        new ConsolePrinter(plan, plain, clock).on(new Event.TaskCompleted(at(1), "T001", "worker-1", 1, Duration.ofMillis(1400)));
        assertThat(other.out()).isEqualTo("✓  T001 completed by worker-1 (1.4s)\n");
    }

    @Test
    void asciiOutputHasNoCharacterOutsideAscii() throws IOException {
        ExecutionPlan emoji = RunFixture.plan(dir.resolve("tasks.md"))
                .task("T001", "Ajouter l’écran de connexion 🚀", "G1", 3)
                .task("T003", "写入会话存储", "G1", 5)
                .task("T007", "Run the suite — all of it", "G1", 7)
                .task("T008", "Publish ✨", "G2", 9, "T007")
                .build();
        plan = emoji;
        Terminal terminal = screen.terminal(false, true, false, false, Verbosity.VERBOSE);
        play(printer(terminal), RunFixture.sampleEvents(logs).stream()
                .filter(e -> !(e instanceof Event.TaskStarted) || List.of("T001", "T003", "T007").contains(((Event.TaskStarted) e).task()))
                .toList());

        String out = screen.out();
        assertThat(out).contains("EXECUTION SUMMARY", "x T007 failed: timeout after 5s (attempt 3/3) - giving up",
                "+ T001 completed by worker-1 (1.4s)", "* T001 started by worker-1 - Ajouter l?",
                "! worker-3 replaced (timeout); T007 goes back to the queue for attempt 2/3", "- T008 skipped: blocked by T007", "=== G1 finished: 2 completed");
        assertThat(out.chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void quietShowsOnlyTheFailuresGivenUpAndTheSummary() {
        play(printer(screen.terminal(false, false, false, false, Verbosity.QUIET)), RunFixture.sampleEvents(logs));

        List<String> lines = screen.lines();
        assertThat(lines.get(0)).isEqualTo("✗  T007 failed: timeout after 5s (attempt 3/3) — giving up");
        assertThat(lines).doesNotContain("ORCHESTRATION STATUS").contains("EXECUTION SUMMARY");
        assertThat(lines).noneMatch(l -> l.contains("started by") || l.contains("completed by") || l.contains("attempt 1/3"));
    }

    @Test
    void verboseAddsTitlesTheLockedPathAndTheReasonOfAReplacement() {
        ConsolePrinter printer = printer(screen.terminal(false, false, false, false, Verbosity.VERBOSE));
        printer.on(new Event.TaskStarted(at(0), "T002", "worker-2", 1, 3));
        printer.on(new Event.TaskDeferred(at(1), "T003", "worker-1", "worker-2", "src/store.ts"));
        printer.on(new Event.WorkerReplaced(at(2), "worker-3", Optional.of("T005"), "timeout after 30s"));

        assertThat(screen.lines()).containsExactly(
                "⚡ T002 started by worker-2 — Add the login form",
                "✗  T003 deferred: file locked by worker-2 (src/store.ts)",
                "⚠️ worker-3 replaced (timeout after 30s); T005 goes back to the queue");
    }

    @Test
    void verboseShowsWhatTheSchedulerSpentAroundEachProcessAndThePromptSize() {
        Event.Overhead shell = new Event.Overhead(Duration.ofNanos(1_234_000), Duration.ofNanos(310_000), OptionalInt.empty());
        Event.Overhead agent = new Event.Overhead(Duration.ofMillis(15), Duration.ofMillis(2), OptionalInt.of(2345));
        ConsolePrinter verbose = printer(screen.terminal(false, false, false, false, Verbosity.VERBOSE));
        verbose.on(new Event.TaskCompleted(at(1), "T001", "worker-1", 1, Duration.ofMillis(1400), Optional.of(shell)));
        verbose.on(new Event.TaskCompleted(at(2), "T002", "worker-2", 1, Duration.ofMillis(900), Optional.of(agent)));

        assertThat(screen.lines()).containsExactly(
                "✓  T001 completed by worker-1 (1.4s) [scheduler 1.23 ms to start, 0.31 ms to report]",
                "✓  T002 completed by worker-2 (0.9s) [scheduler 15.0 ms to start, 2.00 ms to report; prompt 2,345 bytes]");
    }

    @Test
    void withoutVerboseTheOverheadIsNotShown() {
        Event.Overhead shell = new Event.Overhead(Duration.ofMillis(1), Duration.ofMillis(1), OptionalInt.empty());
        printer(screen.plain()).on(new Event.TaskCompleted(at(1), "T001", "worker-1", 1, Duration.ofMillis(1400), Optional.of(shell)));

        assertThat(screen.lines()).containsExactly("✓  T001 completed by worker-1 (1.4s)");
    }

    @Test
    void aFailureDetailStrategyDecidesWhatGoesUnderTheFailureLine() {
        FailureDetail folded = (failure, tail) -> List.of("begin " + failure.task(), "lines " + tail.size(), "end");
        new ConsolePrinter(plan, screen.plain(), clock, folded).on(new Event.TaskFailed(at(1), "T003", "worker-3", 1, 3,
                "exit 1", OptionalInt.of(1), false, logs.resolve("T003.log")));

        assertThat(screen.lines()).containsExactly("✗  T003 failed: exit 1 (attempt 1/3)", "begin T003", "lines 15", "end");
    }

    @Test
    void theTickerThreadNeverCutsIntoTheLinesOfAnEvent() throws InterruptedException {
        ConsolePrinter printer = printer(screen.plain());
        printer.on(new Event.RunStarted(at(0), 6, 6, 3));
        CountDownLatch go = new CountDownLatch(1);
        Thread ticker = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < 2000; i++) {
                printer.tick();
            }
        });
        ticker.start();
        go.countDown();
        for (int i = 1; i <= 300; i++) {
            clock.set(at(i * 31));
            printer.on(new Event.TaskFailed(at(i * 31), "T003", "worker-3", 1, 3, "exit 1", OptionalInt.of(1), false,
                    logs.resolve("T003.log")));
        }
        ticker.join();

        List<String> lines = screen.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("✗  T003 failed")) {
                assertThat(lines.subList(i + 1, i + 16)).as("the log tail under line %d", i).allMatch(l -> l.startsWith("    "));
            }
            if (lines.get(i).equals("ORCHESTRATION STATUS")) {
                assertThat(lines.get(i + 1)).startsWith("═");
            }
        }
    }
    /** Issue 15: tasks the plan calls done only because this run holds them back are called what they are. */
    @Test
    void resumedAndNotSelectedTasksAreCalledSoOnTheStartLineTheBoardAndInTheSummary() {
        ExecutionPlan held = RunFixture.plan(dir.resolve("tasks.md"))
                .doneTask("T000", "Done in the file", "G1", 3)
                .doneTask("T001", "Completed in the earlier session", "G1", 4)
                .doneTask("T002", "Left out by --only", "G1", 5)
                .task("T003", "Runs", "G1", 6)
                .build();
        ConsolePrinter printer = new ConsolePrinter(held, screen.plain(), clock)
                .holding(new Held(java.util.Set.of("T001"), java.util.Set.of("T002"), Optional.of("parallel-session.20261203-101500")));

        play(printer, List.of(new Event.RunStarted(at(0), 4, 1, 3),
                new Event.TaskStarted(at(0), "T003", "worker-1", 1, 3),
                new Event.TaskCompleted(at(1), "T003", "worker-1", 1, Duration.ofSeconds(1)),
                new Event.GroupCompleted(at(1), "G1", 4, Duration.ofSeconds(1)),
                new Event.RunFinished(at(1), RunFixture.result(1, 1, RunFixture.alreadyDone("T000"), RunFixture.alreadyDone("T001"),
                        RunFixture.alreadyDone("T002"), RunFixture.completed("T003", RunFixture.ok(1, "worker-1", 0, 1))))));

        assertThat(screen.lines()).contains("Running 1 task on 3 workers (1 already done, 1 resumed, 1 not selected)",
                "═══ G1 finished: 1 completed, 1 already done, 1 resumed, 1 not selected in 1.0s ═══",
                "✓  T000: Done in the file (already done)",
                "✓  T001: Completed in the earlier session (resumed)",
                "⏭  T002: Left out by --only (not selected)",
                "Completed: 1 of 1 task",
                "Already done: 1 task",
                "Resumed: 1 task (from parallel-session.20261203-101500)",
                "Not selected: 1 task");
    }
}
