package dev.orchestrate.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a task's lines into {@link TaskDetails}: its fields ({@code Files:}, {@code Depends:},
 * {@code Priority:}, {@code Run:}, {@code Timeout:}, {@code Estimate:}, {@code Status:}), the paths
 * and inline dependencies in its prose, its shell blocks and its check.
 */
final class TaskBodyReader {

    private static final Pattern DONE_STATUS = Pattern.compile("(?i)✅|✔|☑|\\b(?:done|complete|completed|finished|closed|merged|shipped)\\b");
    private static final Pattern NOT_DONE_STATUS = Pattern.compile("(?i)\\b(?:not|in)\\s+(?:yet\\s+)?(?:done|complete|progress)|incomplete|pending|todo|blocked");
    private static final Pattern FENCE_LANGUAGE_END = Pattern.compile("[\\s{,]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N} -]");
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}-]+");
    private static final Set<String> SHELLS = Set.of("bash", "sh", "shell");

    /** A {@code Files:} field's value and its 0-based line. */
    private record FilesField(String value, int line) {
    }

    private final Document doc;
    private final List<RawTask> raws;
    private final DependencyText dependencies;
    private final Warnings warnings;

    /** @param dependencies reads the dependencies the text states, and knows the settled ids */
    TaskBodyReader(Document doc, List<RawTask> raws, DependencyText dependencies, Warnings warnings) {
        this.doc = doc;
        this.raws = raws;
        this.dependencies = dependencies;
        this.warnings = warnings;
    }

    /** Reads lines {@code [from, to)} of a task: its body, or ({@code first} false) a details section about it. */
    TaskDetails read(int task, int from, int to, boolean first) {
        return new Part(task, from, to, first).read();
    }

    /** One reading of one part of a task: the fields first, then the prose between them. */
    private final class Part {

        private final int task;
        private final RawTask raw;
        private final int from;
        private final int to;
        private final boolean first;
        private final TaskDetails d = new TaskDetails();
        private FileOperation type = FileOperation.UNSPECIFIED;
        private final List<FilesField> fileFields = new ArrayList<>();
        /** Lines that belong to a field (and its list), not to the prose. */
        private final Set<Integer> fieldLines = new HashSet<>();
        private final List<String> fences = new ArrayList<>();
        private String runField;

        Part(int task, int from, int to, boolean first) {
            this.task = task;
            this.raw = raws.get(task);
            this.from = from;
            this.to = to;
            this.first = first;
        }

        TaskDetails read() {
            for (int k = from; k < to; k++) {
                if (doc.opensFence(k)) {
                    k = fence(k);
                } else if (doc.isText(k)) {
                    line(k);
                }
            }
            prose();
            if (d.dependsOn.remove(task)) {
                warnings.add(raw.startLine + 1, dependencies.id(task) + " depends on itself; ignored");
            }
            d.command = RunCommand.of(runField, fences);
            d.body = BodyText.body(doc, from, to);
            return d;
        }

        /** Reads the fence opened on line {@code k}; returns its last line. */
        private int fence(int k) {
            String info = doc.fenceInfo(k);
            String language = info.isEmpty() ? "" : FENCE_LANGUAGE_END.split(info, 2)[0].toLowerCase(Locale.ROOT);
            int end = Math.min(doc.fenceEnd(k), to - 1);
            if (d.verify == null && (SHELLS.contains(language) || language.isEmpty()) && underVerifyLabel(raw, k)) {
                d.verify = BodyText.fenceContent(doc, k, end); // issue 14: the task's check, not its command
            } else if (SHELLS.contains(language)) {
                fences.add(BodyText.fenceContent(doc, k, end));
            }
            return end;
        }

        private void line(int k) {
            String text = doc.text(k);
            ListItem item = ListItem.parse(text);
            if (doc.inDependencySection(k)) {
                // a "#### Dependencies" subsection of this task lists what it depends on
                fieldLines.add(k);
                if (!doc.isBlank(k)) {
                    d.declaresDependencies = true;
                    d.dependsOn.addAll(dependencies.field(item == null ? text.strip() : item.text(), k, task));
                }
                return;
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
            if (field != null) {
                fieldLines.add(k);
                field(field.name(), field.value(), k);
                return;
            }
            Field.KeyValue lookalike = Field.lookalike(text);
            if (lookalike != null) {
                dependencies.lookalike(lookalike.key(), lookalike.value(), k, task);
            }
        }

        private void field(Field.Name name, String value, int k) {
            switch (name) {
                case FILES:
                    fileFields.add(new FilesField(value.isEmpty() ? listedUnder(k) : value, k));
                    break;
                case TYPE:
                    type = FileMentions.typeValue(value);
                    break;
                case DEPENDS:
                    d.declaresDependencies = true;
                    d.dependsOn.addAll(dependencies.field(value.isEmpty() ? listedUnder(k) : value, k, task));
                    break;
                case PRIORITY:
                    if (d.priority == null) {
                        d.priority = priority(value, k);
                    }
                    break;
                case RUN:
                    if (runField == null) {
                        runField = value;
                    }
                    break;
                case TIMEOUT:
                    d.timeout = timeout(value, k, d.timeout);
                    break;
                case ESTIMATE:
                    d.estimate = estimate(value, k, d.estimate);
                    break;
                case STATUS:
                    d.statusDone = DONE_STATUS.matcher(value).find() && !NOT_DONE_STATUS.matcher(value).find();
                    break;
                default:
                    break;
            }
        }

        /** The list under an empty {@code Files:} or {@code Depends:} field, as one comma-separated value; its lines count as the field's. */
        private String listedUnder(int field) {
            StringBuilder listed = new StringBuilder();
            int j = field + 1;
            while (j < to && doc.isText(j) && ListItem.parse(doc.text(j)) != null) {
                listed.append(ListItem.parse(doc.text(j)).text()).append(", ");
                fieldLines.add(j);
                j++;
            }
            return listed.toString();
        }

        /** The paths of the fields and the prose, and the dependencies the prose states inline. */
        private void prose() {
            Map<String, FileRef> files = FileMentions.newMap();
            for (FilesField field : fileFields) {
                FileMentions.merge(files, FileMentions.fromField(field.value(), field.line() + 1, type));
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
            d.files = new ArrayList<>(files.values());
        }
    }

    private Priority priority(String value, int k) {
        Priority priority = Priority.ofWord(NOT_WORD.matcher(value).replaceAll(" ").strip()).orElse(null);
        if (priority == null) {
            priority = firstPriorityWord(value);
        }
        if (priority == null && !value.isBlank()) {
            warnings.add(k + 1, "could not read priority \"" + DependencyText.shorten(value) + "\"; using the section's or P2");
        }
        return priority;
    }

    /** The {@code Timeout:} value; blank keeps {@code before}. */
    private Duration timeout(String value, int k, Duration before) {
        Optional<Duration> timeout = Durations.timeout(value);
        if (timeout.isPresent()) {
            return timeout.get();
        }
        if (!value.isBlank()) {
            // a time limit the task cannot have is an error, not a guess: the task would run unbounded
            throw new TaskFileException(warnings.file(), k + 1, "cannot read Timeout \"" + DependencyText.shorten(value)
                    + "\" (write 90s, 5m or 1h; more than 0 and at most " + Durations.MAX_TIMEOUT_DAYS + " days)");
        }
        return before;
    }

    /** The {@code Estimate:} value in hours; what cannot be read keeps {@code before} (and warns unless blank). */
    private double estimate(String value, int k, double before) {
        OptionalDouble hours = Durations.estimateHours(value);
        if (hours.isPresent()) {
            return hours.getAsDouble();
        }
        if (!value.isBlank()) {
            warnings.add(k + 1, "could not read estimate \"" + DependencyText.shorten(value) + "\" (write 2h, 30m or a number of hours); using 1");
        }
        return before;
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
}
