package dev.orchestrate.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a reader found into {@link Task}s: settles ids (duplicates renamed), reads each task's
 * fields, files and command, resolves its explicit dependencies, and adds the ordering that list
 * order and phases imply.
 */
final class TaskAssembler {

    private static final Pattern DONE_STATUS = Pattern.compile("(?i)✅|✔|☑|\\b(?:done|complete|completed|finished|closed|merged|shipped)\\b");
    private static final Pattern NOT_DONE_STATUS = Pattern.compile("(?i)\\b(?:not|in)\\s+(?:yet\\s+)?(?:done|complete|progress)|incomplete|pending|todo|blocked");
    private static final Pattern FENCE_LANGUAGE_END = Pattern.compile("[\\s{,]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N} -]");
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}-]+");
    private static final Set<String> SHELLS = Set.of("bash", "sh", "shell");

    private final Path file;
    private final Document doc;
    private final FormatReader reader;
    private final List<RawTask> raws;
    private final Warnings warnings;
    private List<String> ids = List.of();

    TaskAssembler(Path file, Document doc, FormatReader reader, List<RawTask> raws) {
        this.file = file;
        this.doc = doc;
        this.reader = reader;
        this.raws = raws;
        this.warnings = new Warnings(file);
    }

    TaskFile assemble() {
        int n = raws.size();
        List<String> written = new ArrayList<>(n);
        ids = settleIds(written);
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = raws.get(i).startLine + 1;
        }
        IdIndex index = new IdIndex(ids, written, lines);
        DependencyText dependencies = new DependencyText(index, warnings, phaseMembers());

        List<Details> details = new ArrayList<>(n);
        boolean[] inTask = new boolean[doc.size()];
        int stating = 0;
        for (int i = 0; i < n; i++) {
            RawTask raw = raws.get(i);
            Details d = read(i, dependencies, raw.bodyFrom, raw.bodyTo, true);
            for (LineRange section : raw.details) {
                d.add(read(i, dependencies, section.from(), section.to(), false));
                java.util.Arrays.fill(inTask, section.from(), section.to(), true);
            }
            if (raw.dependsText != null) {
                d.declaresDependencies = true;
                d.dependsOn.addAll(dependencies.field(raw.dependsText, raw.startLine, i));
                d.dependsOn.remove(i);
            }
            if (d.declaresDependencies || d.inlineDependencies) {
                stating++;
            }
            details.add(d);
            java.util.Arrays.fill(inTask, raw.bodyFrom, raw.bodyTo, true);
        }
        for (int line = 0; line < doc.size(); line++) {
            if (!doc.inDependencySection(line) || !doc.isText(line) || doc.isBlank(line) || inTask[line]) {
                continue;
            }
            for (DependencyText.Edge edge : dependencies.sectionLine(doc.text(line), line)) {
                details.get(edge.task()).dependsOn.add(edge.prerequisite());
            }
        }

        OrderingRule rule = OrderingRule.choose(reader, raws, doc, stating);
        List<List<Dependency>> orderedAfter = rule.orderedAfter(raws, ids, warnings);

        List<Task> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(build(i, ids, details.get(i), orderedAfter == null ? List.of() : orderedAfter.get(i)));
        }
        return new TaskFile(file, reader.format(), tasks, warnings.list(), rule.describe(stating, n));
    }

    /** Task indexes by phase number ({@code 2} of {@code ## Phase 2: …}), for {@code Depends on: Phase 2 complete}. */
    private Map<String, List<Integer>> phaseMembers() {
        Map<String, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < raws.size(); i++) {
            String label = raws.get(i).phaseLabel;
            if (label != null && label.startsWith("phase ") && !label.startsWith("phase \"")) {
                members.computeIfAbsent(label.substring(6).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
            }
        }
        return members;
    }

    /** Everything read from one task's text. */
    private static final class Details {
        final LinkedHashSet<Integer> dependsOn = new LinkedHashSet<>();
        boolean declaresDependencies;
        boolean inlineDependencies;
        Priority priority;
        String command;
        Duration timeout;
        String verify;
        double estimate = 1;
        boolean statusDone;
        int steps;
        int stepsTicked;
        String body = "";
        List<FileRef> files = List.of();

        /** Adds what a details section of the same task says (SPEC §5.1: one id is one task). */
        void add(Details more) {
            dependsOn.addAll(more.dependsOn);
            declaresDependencies |= more.declaresDependencies;
            inlineDependencies |= more.inlineDependencies;
            priority = priority != null ? priority : more.priority;
            command = command != null ? command : more.command;
            verify = verify != null ? verify : more.verify;
            timeout = timeout != null ? timeout : more.timeout;
            estimate = estimate != 1 ? estimate : more.estimate;
            statusDone |= more.statusDone;
            steps += more.steps;
            stepsTicked += more.stepsTicked;
            body = body.isEmpty() ? more.body : more.body.isEmpty() ? body : body + "\n\n" + more.body;
            Map<String, FileRef> merged = FileMentions.newMap();
            FileMentions.merge(merged, files);
            FileMentions.merge(merged, more.files);
            files = new ArrayList<>(merged.values());
        }
    }

    /** Ids as written, the missing ones assigned {@code T001}…, duplicates renamed {@code T007-2}. */
    private List<String> settleIds(List<String> written) {
        List<String> ids = new ArrayList<>(raws.size());
        Set<String> taken = new HashSet<>();
        for (RawTask raw : raws) {
            if (raw.id != null) {
                taken.add(raw.id.toUpperCase(Locale.ROOT));
            }
        }
        Map<String, Integer> firstLine = new HashMap<>();
        int assigned = 0;
        for (RawTask raw : raws) {
            String id = raw.id;
            if (id == null) {
                do {
                    assigned++;
                    id = String.format(Locale.ROOT, "T%03d", assigned);
                } while (taken.contains(id));
                taken.add(id);
            }
            written.add(id);
            String key = id.toUpperCase(Locale.ROOT);
            Integer first = firstLine.putIfAbsent(key, raw.startLine + 1);
            if (first != null) {
                String renamed;
                int copy = 1;
                do {
                    copy++;
                    renamed = id + "-" + copy;
                } while (taken.contains(renamed.toUpperCase(Locale.ROOT)));
                taken.add(renamed.toUpperCase(Locale.ROOT));
                warnings.add(raw.startLine + 1, String.format("duplicate id %s (first at line %d) renamed to %s", id, first, renamed));
                id = renamed;
            }
            ids.add(id);
        }
        return ids;
    }

    /** Reads lines {@code [from, to)} of a task: its body, or ({@code first} false) a details section about it. */
    private Details read(int task, DependencyText dependencies, int from, int to, boolean first) {
        RawTask raw = raws.get(task);
        Details d = new Details();
        FileOperation type = FileOperation.UNSPECIFIED;
        List<String[]> fileFields = new ArrayList<>();
        Set<Integer> fieldLines = new HashSet<>();
        List<String> fences = new ArrayList<>();
        String runField = null;

        for (int k = from; k < to; k++) {
            if (doc.opensFence(k)) {
                String info = doc.fenceInfo(k);
                String language = info.isEmpty() ? "" : FENCE_LANGUAGE_END.split(info, 2)[0].toLowerCase(Locale.ROOT);
                int end = Math.min(doc.fenceEnd(k), to - 1);
                if (d.verify == null && (SHELLS.contains(language) || language.isEmpty()) && underVerifyLabel(raw, k)) {
                    d.verify = fenceContent(k, end); // issue 14: the task's check, not its command
                } else if (SHELLS.contains(language)) {
                    fences.add(fenceContent(k, end));
                }
                k = end;
                continue;
            }
            if (!doc.isText(k)) {
                continue;
            }
            String text = doc.text(k);
            ListItem item = ListItem.parse(text);
            if (doc.inDependencySection(k)) {
                // a "#### Dependencies" subsection of this task lists what it depends on
                fieldLines.add(k);
                if (!doc.isBlank(k)) {
                    d.declaresDependencies = true;
                    d.dependsOn.addAll(dependencies.field(item == null ? text.strip() : item.text(), k, task));
                }
                continue;
            }
            if (d.verify == null) {
                d.verify = VerifyField.command(text);
            }
            if (item != null && item.checkbox()) {
                d.steps++;
                if (item.checked()) {
                    d.stepsTicked++;
                }
            }
            Field field = Field.parse(text, k);
            if (field == null) {
                Field.KeyValue lookalike = Field.lookalike(text);
                if (lookalike != null) {
                    dependencies.lookalike(lookalike.key(), lookalike.value(), k, task);
                }
                continue;
            }
            fieldLines.add(k);
            String value = field.value();
            switch (field.name()) {
                case FILES:
                    if (value.isEmpty()) {
                        StringBuilder listed = new StringBuilder();
                        int j = k + 1;
                        while (j < to && doc.isText(j) && ListItem.parse(doc.text(j)) != null) {
                            listed.append(ListItem.parse(doc.text(j)).text()).append(", ");
                            fieldLines.add(j);
                            j++;
                        }
                        value = listed.toString();
                    }
                    fileFields.add(new String[] {value, String.valueOf(k)});
                    break;
                case TYPE:
                    type = FileMentions.typeValue(value);
                    break;
                case DEPENDS:
                    d.declaresDependencies = true;
                    if (value.isEmpty()) {
                        StringBuilder listed = new StringBuilder();
                        int j = k + 1;
                        while (j < to && doc.isText(j) && ListItem.parse(doc.text(j)) != null) {
                            listed.append(ListItem.parse(doc.text(j)).text()).append(", ");
                            fieldLines.add(j);
                            j++;
                        }
                        value = listed.toString();
                    }
                    d.dependsOn.addAll(dependencies.field(value, k, task));
                    break;
                case PRIORITY:
                    if (d.priority == null) {
                        d.priority = Priority.ofWord(NOT_WORD.matcher(value).replaceAll(" ").strip()).orElse(null);
                        if (d.priority == null) {
                            d.priority = firstPriorityWord(value);
                        }
                        if (d.priority == null && !value.isBlank()) {
                            warnings.add(k + 1, "could not read priority \"" + DependencyText.shorten(value) + "\"; using the section's or P2");
                        }
                    }
                    break;
                case RUN:
                    if (runField == null) {
                        runField = value;
                    }
                    break;
                case TIMEOUT:
                    Optional<Duration> timeout = Durations.timeout(value);
                    if (timeout.isPresent()) {
                        d.timeout = timeout.get();
                    } else if (!value.isBlank()) {
                        // a time limit the task cannot have is an error, not a guess: the task would run unbounded
                        throw new TaskFileException(file, k + 1, "cannot read Timeout \"" + DependencyText.shorten(value)
                                + "\" (write 90s, 5m or 1h; more than 0 and at most " + Durations.MAX_TIMEOUT_DAYS + " days)");
                    }
                    break;
                case ESTIMATE:
                    OptionalDouble hours = Durations.estimateHours(value);
                    if (hours.isPresent()) {
                        d.estimate = hours.getAsDouble();
                    } else if (!value.isBlank()) {
                        warnings.add(k + 1, "could not read estimate \"" + DependencyText.shorten(value) + "\" (write 2h, 30m or a number of hours); using 1");
                    }
                    break;
                case STATUS:
                    d.statusDone = DONE_STATUS.matcher(value).find() && !NOT_DONE_STATUS.matcher(value).find();
                    break;
                default:
                    break;
            }
        }

        Map<String, FileRef> files = FileMentions.newMap();
        for (String[] field : fileFields) {
            FileMentions.merge(files, FileMentions.fromField(field[0], Integer.parseInt(field[1]) + 1, type));
        }
        boolean textPaths = !(raw.heading && !fileFields.isEmpty());
        if (textPaths && first) {
            List<FileRef> fromTitle = FileMentions.fromText(raw.title, raw.startLine + 1);
            FileMentions.merge(files, withType(fromTitle, type));
        }
        for (int k = from; k < to; k++) {
            if (!doc.isText(k) || fieldLines.contains(k)) {
                continue;
            }
            String text = doc.text(k);
            List<Integer> inline = dependencies.inline(text, k, task);
            d.inlineDependencies |= !inline.isEmpty();
            d.dependsOn.addAll(inline);
            if (textPaths) {
                FileMentions.merge(files, withType(FileMentions.fromText(text, k + 1), type));
            }
        }
        if (first) {
            List<Integer> inTitle = dependencies.inline(raw.title, raw.startLine, task);
            d.inlineDependencies |= !inTitle.isEmpty();
            d.dependsOn.addAll(inTitle);
        }
        if (d.dependsOn.remove(task)) {
            warnings.add(raw.startLine + 1, ids.get(task) + " depends on itself; ignored");
        }
        d.files = new ArrayList<>(files.values());
        d.command = command(runField, fences);
        d.body = body(from, to);
        return d;
    }

    /** Whether the nearest non-blank line above the fence at {@code fence} labels it as the task's check. */
    private boolean underVerifyLabel(RawTask raw, int fence) {
        for (int j = fence - 1; j >= raw.bodyFrom - 1 && j >= 0; j--) {
            if (!doc.raw(j).isBlank()) {
                return VerifyField.isLabel(doc.raw(j));
            }
        }
        return false;
    }

    private static List<FileRef> withType(List<FileRef> refs, FileOperation type) {
        if (type == FileOperation.UNSPECIFIED) {
            return refs;
        }
        List<FileRef> out = new ArrayList<>(refs.size());
        for (FileRef ref : refs) {
            out.add(ref.operation() == FileOperation.UNSPECIFIED ? new FileRef(ref.path(), type, ref.line()) : ref);
        }
        return out;
    }

    private static Priority firstPriorityWord(String value) {
        for (String word : WORD_SPLIT.split(value)) {
            Optional<Priority> p = Priority.ofWord(word);
            if (p.isPresent()) {
                return p.get();
            }
        }
        return null;
    }

    /**
     * A {@code Run:} / {@code Command:} field, else the task's {@code bash}/{@code sh}/{@code shell} blocks.
     * A slash command ({@code /generate TODO-035}) is an instruction to a coding agent, not a shell command.
     */
    private static String command(String field, List<String> fences) {
        if (field != null && !field.isBlank()) {
            String value = field.strip();
            List<String> spans = new ArrayList<>();
            int i = 0;
            while (i < value.length()) {
                int open = value.indexOf('`', i);
                if (open < 0) {
                    break;
                }
                int close = value.indexOf('`', open + 1);
                if (close < 0) {
                    break;
                }
                spans.add(value.substring(open + 1, close).strip());
                i = close + 1;
            }
            String command = spans.isEmpty() ? value : String.join("\n", spans);
            command = command.strip();
            if (!command.isEmpty() && !slashCommand(command)) {
                return command;
            }
        }
        String joined = String.join("\n", fences).strip();
        return joined.isEmpty() ? null : joined;
    }

    private static boolean slashCommand(String command) {
        if (command.length() < 2 || command.charAt(0) != '/' || !Character.isLetter(command.charAt(1))) {
            return false;
        }
        int end = 1;
        while (end < command.length() && !Character.isWhitespace(command.charAt(end))) {
            end++;
        }
        return command.substring(1, end).indexOf('/') < 0;
    }

    private String fenceContent(int open, int end) {
        String closing = doc.raw(end).strip();
        String opening = doc.raw(open).strip();
        boolean closes = end > open && !closing.isEmpty() && closing.charAt(0) == opening.charAt(0);
        List<String> lines = new ArrayList<>();
        for (int k = open + 1; k < (closes ? end : end + 1); k++) {
            lines.add(doc.raw(k));
        }
        return dedent(lines);
    }

    private String body(int from, int to) {
        while (from < to && doc.raw(from).isBlank()) {
            from++;
        }
        while (to > from && (doc.raw(to - 1).isBlank() || doc.isThematicBreak(to - 1))) {
            to--;
        }
        List<String> lines = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            lines.add(doc.raw(k));
        }
        return dedent(lines);
    }

    private static String dedent(List<String> lines) {
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int ws = 0;
            while (ws < line.length() && (line.charAt(ws) == ' ' || line.charAt(ws) == '\t')) {
                ws++;
            }
            common = Math.min(common, ws);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > 0) {
                b.append('\n');
            }
            b.append(line.isBlank() ? "" : line.substring(Math.min(common, line.length())).stripTrailing());
        }
        return b.toString();
    }

    private Task build(int i, List<String> ids, Details d, List<Dependency> ordered) {
        RawTask raw = raws.get(i);
        List<String> dependsOn = new ArrayList<>(d.dependsOn.size());
        for (int target : d.dependsOn) {
            dependsOn.add(ids.get(target));
        }
        Set<String> seen = new HashSet<>();
        seen.add(ids.get(i));
        List<Dependency> after = new ArrayList<>(ordered.size());
        for (Dependency dep : ordered) {
            if (seen.add(dep.taskId())) {
                after.add(dep);
            }
        }
        Priority priority = raw.priority != null ? raw.priority
                : d.priority != null ? d.priority
                : doc.sectionPriority(raw.startLine) != null ? doc.sectionPriority(raw.startLine)
                : Priority.defaultPriority();
        boolean done = raw.done || d.statusDone || (raw.heading && d.steps > 0 && d.steps == d.stepsTicked);
        return new Task(ids.get(i), raw.title, d.body, raw.startLine + 1, done, priority, dependsOn, after, d.files,
                Optional.ofNullable(d.command), Optional.ofNullable(d.timeout), d.estimate, Optional.ofNullable(d.verify));
    }
}
