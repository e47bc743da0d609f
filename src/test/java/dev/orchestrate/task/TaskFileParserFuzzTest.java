package dev.orchestrate.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the text, {@link TaskFileParser#parse(Path, String)} either returns a consistent
 * {@link TaskFile} or throws a {@link TaskFileException}; nothing else escapes. The inputs are
 * mutations of the corpus files and of inline samples (lines deleted, duplicated, swapped,
 * characters flipped, text truncated) and random markdown-ish text, three mutations to one text.
 * A jqwik property: a failure is shrunk to the fewest edits and fragments that still break it. The
 * seed is fixed so that a run reproduces; jqwik's own {@code jqwik.seeds.whenfixed} setting or a
 * changed {@code seed} tries others.
 */
class TaskFileParserFuzzTest {

    private static final List<String> SAMPLES = List.of(
            """
            ## P0 Critical
            ### T001: Patch it
            **Files**: src/a.ts:12, `src/b.ts`
            **Depends**: none
            - [ ] step
            ## P1 High
            ### T002: Then this
            **Depends**: T001
            ```bash
            make test
            ```
            ## Dependencies
            T001 → T002
            T002 blocks T003-T009
            """,
            """
            ---
            description: x
            ---
            ## Phase 1: Setup (Priority: P1)
            - [ ] T001 Create `src/x.py`
            - [ ] T002 [P] [US1] Update src/y.py (depends on T001)
            - [X] T003 [P0] Run: make
            ## Dependencies
            - Tests (T001–T003) before polish (T004-T006)
            """,
            """
            - [ ] 1. Major
              - [ ] 1.1 (P) Leaf `a.ts`
              - [ ]* 1.2 Optional
                - _Requirements: 1.1_
                - _Depends: 1.1_
            ## 2. Group
            - [x] 2.1 Leaf
            - [ ] 2.10 Leaf
            """,
            """
            ### TODO-001: One
            **Priority**: High
            **Dependencies**: TODO-002 and something else
            **Estimate**: 2-3h
            **Timeout**: 1h30m
            ### TODO-002: Two
            **Status**: ✅ Completed
            """,
            """
            # Plan
            1. Create `a.ts`
               - detail
            2. Update `a.ts`
            - [ ] three
            """);

    private static final String[] FRAGMENTS = {
        "## Phase 3", "### T001: title", "### T001: dup", "## Dependencies", "## P1 High", "# Tasks", "#### deep",
        "- [ ] T0%d [P] task", "- [x] T%d [P2] [US1] done", "- [ ] %d.%d leaf", "- [ ]* %d.%d optional", "1. step %d",
        "- [ ] %d. major", "  - [ ] %d.%d nested", "**Depends**: T001-T999999999", "**Depends**: T%d, T%d",
        "**Files**: a.ts:%d, `b/c.ts` (new file)", "**Type**: Create | Modify", "Timeout: 99999999999999h",
        "Estimate: 1e308", "Estimate: 0", "**Run**: `make`", "```bash", "```", "~~~", "<!--", "-->", "| a | b |",
        "|---|---|", "---", "T%d → T%d → T%d", "T%d blocks T%d–T%d", "%d.%d before %d", "_Depends: %d_",
        "(depends on T%d)", "   ", "", "\t- [ ] T%d tab", "- [ ] T99999999999 huge", "- [ ] 1.2.3.4.5.6.7 deep",
        "### TODO-%d: heading", "**Status**: done", "- [ ] `src/{x}/*.ts` glob", "> - [ ] T1 quoted",
        "- [ ] T%d after T%d and T%d", "## 7. Group", "**Priority**: P%d", "- [ ] 中文 🚀 任务", "\uFEFF- [ ] T1 bom",
    };

    private static final String FLIPS = "#-*[]()xX0123456789.:→|`<>!_~ \t\r\nTP中🚀\uFEFF\uD800";

    private static ch.qos.logback.classic.Level parserLogLevel;

    /** The parser logs one debug line per file; twelve thousand of them would only slow the property down. */
    @BeforeContainer
    static void quietParser() {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TaskFileParser.class);
        parserLogLevel = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.INFO);
    }

    @AfterContainer
    static void parserAsBefore() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TaskFileParser.class)).setLevel(parserLogLevel);
    }

    @Property(tries = 12_000, seed = "20241209")
    void nothingButTaskFileExceptionEverEscapes(@ForAll("inputs") String input) {
        boolean parsed;
        try {
            assertConsistent(TaskFileParser.parse(Path.of("fuzz.md"), input), input);
            parsed = true;
        } catch (TaskFileException expected) {
            parsed = false;
        }
        Statistics.label("outcome").collect(parsed ? "parsed" : "refused");
        Statistics.label("outcome").coverage(checker -> {
            checker.check("parsed").percentage(p -> p > 100.0 / 3); // most mutated inputs still hold tasks
            checker.check("refused").count(c -> c > 0); // some inputs hold no tasks
        });
    }

    @Provide
    Arbitrary<String> inputs() {
        List<String> bases = new ArrayList<>(SAMPLES);
        bases.addAll(corpusTexts());
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 7), fragments()).as(Edit::new);
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.of(bases), edit.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.of("\n", "\r\n")).as(TaskFileParserFuzzTest::mutated);
        Arbitrary<String> generated = Combinators.combine(fragments(), Arbitraries.of("\n", "\n", "\n", "\n", "\n", "\n", "\n",
                "\n", "\n", "\r\n")).as(String::concat).list().ofMaxSize(59).map(lines -> String.join("", lines));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, mutated), net.jqwik.api.Tuple.of(1, generated));
    }

    /** One edit of a text: {@code kind} 0 deletes a line, 1 doubles one, 2 swaps two, 3 flips characters, 4 truncates, 5 inserts a fragment. */
    private record Edit(int kind, int at, int other, int flips, String fragment) {
    }

    /** Plain checks rather than AssertJ chains: this runs twelve thousand times. */
    private static void assertConsistent(TaskFile file, String input) {
        if (file.tasks().isEmpty()) {
            throw new AssertionError("a TaskFile without tasks");
        }
        int lines = 1;
        for (int k = 0; k < input.length(); k++) {
            char c = input.charAt(k);
            if (c == '\n' || (c == '\r' && (k + 1 == input.length() || input.charAt(k + 1) != '\n'))) {
                lines++;
            }
        }
        Set<String> ids = new HashSet<>();
        for (Task task : file.tasks()) {
            if (!ids.add(task.id())) {
                throw new AssertionError("duplicate id " + task.id());
            }
        }
        for (Task task : file.tasks()) {
            if (task.line() < 1 || task.line() > lines) {
                throw new AssertionError(task.id() + " at line " + task.line() + " of " + lines);
            }
            for (String id : task.dependsOn()) {
                if (!ids.contains(id) || id.equals(task.id())) {
                    throw new AssertionError(task.id() + " depends on " + id);
                }
            }
            for (Dependency d : task.orderedAfter()) {
                if (!ids.contains(d.taskId()) || d.taskId().equals(task.id())) {
                    throw new AssertionError(task.id() + " ordered after " + d.taskId());
                }
            }
        }
        for (Diagnostic w : file.warnings()) {
            if (w.line() < 0 || w.line() > lines) {
                throw new AssertionError("warning at line " + w.line() + " of " + lines + ": " + w.message());
            }
        }
    }

    private static List<String> corpusTexts() {
        Path dir = Path.of(System.getProperty("orchestrate.corpus", "../shared/corpus/tasks"));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mutated(String base, List<Edit> edits, String newline) {
        List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
        StringBuilder text = null;
        for (Edit e : edits) {
            if (e.kind() <= 2 && text == null && !lines.isEmpty()) {
                int at = e.at() % lines.size();
                if (e.kind() == 0) {
                    lines.remove(at);
                } else if (e.kind() == 1) {
                    lines.add(at, lines.get(at));
                } else {
                    int other = e.other() % lines.size();
                    String swap = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, swap);
                }
            } else if (e.kind() > 2) {
                if (text == null) {
                    text = new StringBuilder(String.join(newline, lines));
                }
                if (text.length() == 0) {
                    continue;
                }
                if (e.kind() == 3) {
                    for (int f = 0; f <= e.flips(); f++) {
                        text.setCharAt((e.at() + f * 7919) % text.length(), FLIPS.charAt((e.other() + f) % FLIPS.length()));
                    }
                } else if (e.kind() == 4) {
                    text.setLength(e.at() % text.length());
                } else {
                    int at = e.at() % text.length();
                    text.insert(at, e.fragment()).insert(at, '\n');
                }
            }
        }
        return text != null ? text.toString() : String.join("\n", lines);
    }

    private static Arbitrary<String> fragments() {
        Arbitrary<Integer> number = Arbitraries.oneOf(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 1199));
        return Combinators.combine(Arbitraries.of(FRAGMENTS), number.list().ofSize(4))
                .as((f, numbers) -> f.contains("%") ? String.format(f, numbers.toArray()) : f);
    }
}
