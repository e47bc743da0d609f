package dev.orchestrate.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrate.CorpusFiles;
import dev.orchestrate.scout.Context;
import dev.orchestrate.scout.Scout;
import dev.orchestrate.task.FileRef;
import dev.orchestrate.task.TaskFile;
import dev.orchestrate.task.TaskFileException;
import dev.orchestrate.task.TaskFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry of the corpus's {@code expected.json} (fields: the corpus README) against the real
 * parser and planner, one test per task file:
 * <ol>
 *   <li>the task ids in plan order equal {@code ids} (or their number equals {@code tasks});</li>
 *   <li>the done tasks equal {@code done};</li>
 *   <li>every {@code after} fact holds in the plan's ordering closure: explicit and implicit
 *       dependencies and priority levels (a stage waits for every more urgent one) taken together;
 *       a done task is satisfied before the run starts, so the closure never passes through it;</li>
 *   <li>no {@code parallel} pair is ordered either way in that closure;</li>
 *   <li>no task starts on a line a {@code not_tasks} entry names ({@code line 9},
 *       {@code lines 17-22}, {@code lines 85, 93}); entries without a line are covered by 1.</li>
 * </ol>
 * Ids resolve as the README says: {@code #3} is the third task in file order; an id matches a plan
 * id as written, case-insensitively, or as its numeric tail ({@code 1.1} matches {@code Task 1.1}).
 * The root is an empty folder, as for a first run in a fresh checkout.
 */
class CorpusExpectationsTest {

    private static final PlanSettings SETTINGS = new PlanSettings(5, Duration.ofSeconds(30), Duration.ofMinutes(30), false);
    /** {@code line 9}, {@code lines 17-22}, {@code lines 85, 93}: the word, then ranges split by commas. */
    private static final Pattern LINES = Pattern.compile("""
            (?x) \\blines?\\x20
            (?<ranges> \\d+ (?:\\s*[-–]\\s*\\d+)?             # the first line or range
                       (?:\\s*,\\s*\\d+ (?:\\s*[-–]\\s*\\d+)?)* # more, after commas
            )""");
    /** One line ({@code 9}) or a range of lines ({@code 17-22}, {@code 17–22}). */
    private static final Pattern RANGE = Pattern.compile("""
            (?x) (?<from>\\d+) (?:\\s*[-–]\\s*(?<to>\\d+))?""");

    @TempDir
    Path root;

    private static JsonNode expected() throws IOException {
        Path json = CorpusFiles.folder().resolveSibling("expected.json");
        return new ObjectMapper().readTree(json.toFile());
    }

    /** Every task file of the corpus and every entry of expected.json: a file without an entry fails, and so does an entry without a file. */
    static Stream<String> corpusFiles() throws IOException {
        Path tasks = CorpusFiles.folder();
        assumeTrue(Files.isDirectory(tasks), "the task-file corpus is not at " + tasks.toAbsolutePath());
        assumeTrue(Files.isRegularFile(tasks.resolveSibling("expected.json")),
                "the corpus has no expected.json beside " + tasks.toAbsolutePath());
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(tasks)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md") && !n.equals("SOURCES.md")).forEach(names::add);
        }
        expected().fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void planMatchesWhatACarefulReaderSees(String name) throws IOException {
        JsonNode want = expected().get(name);
        assertThat(want).as("expected.json has an entry for " + name).isNotNull();
        Path file = CorpusFiles.folder().resolve(name);
        assertThat(file).as("the corpus holds the file of entry " + name).isRegularFile();

        TaskFile taskFile;
        ExecutionPlan plan;
        try {
            taskFile = TaskFileParser.parse(file);
            Set<String> mentioned = new LinkedHashSet<>();
            taskFile.tasks().forEach(t -> t.files().stream().map(FileRef::path).forEach(mentioned::add));
            Context context = Scout.discover(root, mentioned);
            plan = Planner.plan(taskFile, context, SETTINGS);
        } catch (TaskFileException e) {
            throw new AssertionError(name + " is not planned: " + e.getMessage(), e);
        }

        List<String> problems = problems(want, plan);
        assertThat(problems).as(name + ": " + problems.size() + " problem(s)").isEmpty();
    }

    /** Everything wrong with the plan against the entry, each in one line. */
    static List<String> problems(JsonNode want, ExecutionPlan plan) {
        List<String> problems = new ArrayList<>();
        List<String> order = new ArrayList<>(plan.tasks().keySet());
        Map<String, Integer> lineOf = new HashMap<>();
        plan.tasks().values().forEach(t -> lineOf.put(t.id(), t.task().line()));

        if (want.has("ids")) {
            List<String> wantIds = strings(want.get("ids"));
            List<String> got = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : wantIds) {
                String resolved = resolve(id, order);
                if (resolved == null) {
                    missing.add(id);
                } else {
                    got.add(resolved);
                }
            }
            List<String> invented = new ArrayList<>(order);
            invented.removeAll(got);
            if (!missing.isEmpty()) {
                problems.add("missing ids " + missing);
            }
            if (!invented.isEmpty()) {
                problems.add("invented ids " + invented);
            }
            if (missing.isEmpty() && invented.isEmpty() && !got.equals(order)) {
                problems.add("ids out of order: plan has " + order + ", file order is " + got);
            }
        } else if (want.has("tasks") && want.get("tasks").asInt() != order.size()) {
            problems.add(order.size() + " tasks, want " + want.get("tasks").asInt() + ": " + order);
        }
        if (want.has("ids") && want.has("tasks") && want.get("tasks").asInt() != order.size()) {
            problems.add(order.size() + " tasks, want " + want.get("tasks").asInt());
        }

        if (want.has("done")) {
            Set<String> wantDone = new TreeSet<>();
            for (String id : strings(want.get("done"))) {
                String resolved = resolve(id, order);
                wantDone.add(resolved == null ? id : resolved);
            }
            Set<String> gotDone = new TreeSet<>();
            plan.tasks().values().stream().filter(PlannedTask::alreadyDone).forEach(t -> gotDone.add(t.id()));
            if (!gotDone.equals(wantDone)) {
                Set<String> extra = new TreeSet<>(gotDone);
                extra.removeAll(wantDone);
                Set<String> lacking = new TreeSet<>(wantDone);
                lacking.removeAll(gotDone);
                problems.add("done: marked but not done " + extra + ", done but not marked " + lacking);
            }
        }

        Ordering ordering = new Ordering(plan);
        for (JsonNode pair : want.path("after")) {
            String a = resolve(pair.get(0).asText(), order);
            String b = resolve(pair.get(1).asText(), order);
            if (a == null || b == null) {
                problems.add("after " + pair.get(0).asText() + " <- " + pair.get(1).asText() + ": task missing");
            } else if (!ordering.after(a, b)) {
                problems.add(pair.get(0).asText() + " may start before " + pair.get(1).asText() + " ends");
            }
        }
        for (JsonNode pair : want.path("parallel")) {
            String a = resolve(pair.get(0).asText(), order);
            String b = resolve(pair.get(1).asText(), order);
            if (a == null || b == null) {
                problems.add("parallel " + pair.get(0).asText() + " | " + pair.get(1).asText() + ": task missing");
            } else if (ordering.after(a, b) || ordering.after(b, a)) {
                problems.add(pair.get(0).asText() + " and " + pair.get(1).asText() + " are ordered, want them side by side");
            }
        }

        for (String text : strings(want.path("not_tasks"))) {
            Set<Integer> lines = linesNamed(text);
            for (String id : order) {
                if (lines.contains(lineOf.get(id))) {
                    problems.add("task " + id + " (line " + lineOf.get(id) + ") is not a task: " + text);
                }
            }
        }
        return problems;
    }

    /** The lines a not_tasks description names: {@code (line 9)}, {@code lines 17-22}, {@code lines 85, 93}. */
    static Set<Integer> linesNamed(String text) {
        Set<Integer> lines = new HashSet<>();
        Matcher m = LINES.matcher(text);
        while (m.find()) {
            Matcher r = RANGE.matcher(m.group("ranges"));
            while (r.find()) {
                int from = Integer.parseInt(r.group("from"));
                int to = r.group("to") == null ? from : Integer.parseInt(r.group("to"));
                for (int line = from; line <= to; line++) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** {@code #3} is the third task; else the id as written, case-insensitively, or as the numeric tail of a labelled id. */
    static String resolve(String ref, List<String> order) {
        if (ref.startsWith("#")) {
            int i = Integer.parseInt(ref.substring(1)) - 1;
            return i >= 0 && i < order.size() ? order.get(i) : null;
        }
        if (order.contains(ref)) {
            return ref;
        }
        for (String id : order) {
            if (id.equalsIgnoreCase(ref)) {
                return id;
            }
        }
        for (String id : order) {
            if (id.endsWith(ref) && id.length() > ref.length() && !Character.isLetterOrDigit(id.charAt(id.length() - ref.length() - 1))) {
                return id;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * What makes a task wait for another when the plan runs: its explicit and implicit dependencies and
     * the priority stages (every task of a more urgent level ends first), transitively. A done task
     * waits for nothing: the closure stops there.
     */
    static final class Ordering {

        private final Map<String, PlannedTask> tasks;
        private final Map<String, Set<String>> memo = new HashMap<>();

        Ordering(ExecutionPlan plan) {
            this.tasks = plan.tasks();
        }

        /** Whether {@code a} cannot start before {@code b} has ended. */
        boolean after(String a, String b) {
            return closure(a).contains(b);
        }

        private Set<String> closure(String start) {
            Set<String> known = memo.get(start);
            if (known != null) {
                return known;
            }
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(direct(start));
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (seen.add(next)) {
                    todo.addAll(direct(next));
                }
            }
            memo.put(start, seen);
            return seen;
        }

        private List<String> direct(String id) {
            PlannedTask task = tasks.get(id);
            List<String> out = new ArrayList<>();
            if (task == null || task.alreadyDone()) {
                return out;
            }
            for (String d : task.allDependencies()) {
                if (tasks.containsKey(d) && !d.equals(id)) {
                    out.add(d);
                }
            }
            for (PlannedTask other : tasks.values()) {
                if (other.priority().ordinal() < task.priority().ordinal()) {
                    out.add(other.id());
                }
            }
            return out;
        }
    }
}
