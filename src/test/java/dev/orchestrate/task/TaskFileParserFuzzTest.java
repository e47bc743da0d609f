package dev.orchestrate.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever the text, {@link TaskFileParser#parse(Path, String)} either returns a consistent
 * {@link TaskFile} or throws a {@link TaskFileException}; nothing else escapes. The inputs are
 * mutations of the corpus files and of inline samples (lines deleted, duplicated, swapped,
 * characters flipped, text truncated) and random markdown-ish text. The seed is fixed so that a
 * failure reproduces; {@code -Dorchestrate.fuzz.seed=N} tries another one.
 */
class TaskFileParserFuzzTest {

    private static final int INPUTS = 12_000;

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

    @Test
    void nothingButTaskFileExceptionEverEscapes() throws IOException {
        // the parser logs one debug line per file; twelve thousand of them would only slow the test down
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TaskFileParser.class);
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            fuzz();
        } finally {
            log.setLevel(level);
        }
    }

    private void fuzz() throws IOException {
        long seed = Long.getLong("orchestrate.fuzz.seed", 20_241_209L);
        Random random = new Random(seed);
        List<String> bases = new ArrayList<>(SAMPLES);
        bases.addAll(corpusTexts());
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = i % 4 == 3 ? generated(random) : mutated(bases.get(random.nextInt(bases.size())), random);
            try {
                TaskFile file = TaskFileParser.parse(Path.of("fuzz.md"), input);
                assertConsistent(file, input);
                parsed++;
            } catch (TaskFileException expected) {
                refused++;
            } catch (Throwable other) {
                fail("seed " + seed + ", input " + i + " threw " + other + " for:\n"
                        + (input.length() > 2000 ? input.substring(0, 2000) + "…" : input), other);
            }
        }
        System.out.printf("fuzz: %d inputs, %d parsed, %d refused%n", INPUTS, parsed, refused);
        assertThat(parsed + refused).isEqualTo(INPUTS);
        assertThat(parsed).as("most mutated inputs still hold tasks").isGreaterThan(INPUTS / 3);
        assertThat(refused).as("some inputs hold no tasks").isPositive();
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

    private static List<String> corpusTexts() throws IOException {
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
        }
    }

    private static String mutated(String base, Random random) {
        List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
        int edits = 1 + random.nextInt(6);
        StringBuilder text = null;
        for (int e = 0; e < edits; e++) {
            int kind = random.nextInt(6);
            if (kind <= 2 && !lines.isEmpty()) {
                int at = random.nextInt(lines.size());
                if (kind == 0) {
                    lines.remove(at);
                } else if (kind == 1) {
                    lines.add(at, lines.get(at));
                } else {
                    int other = random.nextInt(lines.size());
                    String swap = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, swap);
                }
            } else {
                if (text == null) {
                    text = new StringBuilder(String.join(random.nextBoolean() ? "\n" : "\r\n", lines));
                }
                if (text.length() == 0) {
                    continue;
                }
                if (kind == 3) {
                    for (int f = random.nextInt(8); f >= 0; f--) {
                        text.setCharAt(random.nextInt(text.length()), FLIPS.charAt(random.nextInt(FLIPS.length())));
                    }
                } else if (kind == 4) {
                    text.setLength(random.nextInt(text.length()));
                } else {
                    int at = random.nextInt(text.length());
                    text.insert(at, fragment(random)).insert(at, '\n');
                }
            }
        }
        return text != null ? text.toString() : String.join("\n", lines);
    }

    private static String generated(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(60);
        for (int i = 0; i < lines; i++) {
            text.append(fragment(random)).append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    private static String fragment(Random random) {
        String f = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        Object[] numbers = new Object[4];
        for (int k = 0; k < numbers.length; k++) {
            numbers[k] = random.nextInt(random.nextBoolean() ? 12 : 1200);
        }
        return f.contains("%") ? String.format(f, numbers) : f;
    }
}
