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
        RawTask raw = raws.get(task);
        TaskDetails d = new TaskDetails();
        FileOperation type = FileOperation.UNSPECIFIED;
        List<FilesField> fileFields = new ArrayList<>();
        Set<Integer> fieldLines = new HashSet<>();
        List<String> fences = new ArrayList<>();
        String runField = null;

        for (int k = from; k < to; k++) {
            if (doc.opensFence(k)) {
                String info = doc.fenceInfo(k);
                String language = info.isEmpty() ? "" : FENCE_LANGUAGE_END.split(info, 2)[0].toLowerCase(Locale.ROOT);
                int end = Math.min(doc.fenceEnd(k), to - 1);
                if (d.verify == null && (SHELLS.contains(language) || language.isEmpty()) && underVerifyLabel(raw, k)) {
                    d.verify = BodyText.fenceContent(doc, k, end); // issue 14: the task's check, not its command
                } else if (SHELLS.contains(language)) {
                    fences.add(BodyText.fenceContent(doc, k, end));
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
                    fileFields.add(new FilesField(value.isEmpty() ? listedUnder(k, to, fieldLines) : value, k));
                    break;
                case TYPE:
                    type = FileMentions.typeValue(value);
                    break;
                case DEPENDS:
                    d.declaresDependencies = true;
                    d.dependsOn.addAll(dependencies.field(value.isEmpty() ? listedUnder(k, to, fieldLines) : value, k, task));
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
                        throw new TaskFileException(warnings.file(), k + 1, "cannot read Timeout \"" + DependencyText.shorten(value)
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
        if (d.dependsOn.remove(task)) {
            warnings.add(raw.startLine + 1, dependencies.id(task) + " depends on itself; ignored");
        }
        d.files = new ArrayList<>(files.values());
        d.command = RunCommand.of(runField, fences);
        d.body = BodyText.body(doc, from, to);
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

    /** The list under an empty {@code Files:} or {@code Depends:} field, as one comma-separated value; its lines count as the field's. */
    private String listedUnder(int field, int to, Set<Integer> fieldLines) {
        StringBuilder listed = new StringBuilder();
        int j = field + 1;
        while (j < to && doc.isText(j) && ListItem.parse(doc.text(j)) != null) {
            listed.append(ListItem.parse(doc.text(j)).text()).append(", ");
            fieldLines.add(j);
            j++;
        }
        return listed.toString();
    }
}
