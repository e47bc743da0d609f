package dev.orchestrate.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a reader found into {@link Task}s: settles ids ({@link TaskIds}), reads each task's
 * fields, files and command ({@link TaskBodyReader}), resolves its explicit dependencies and those of
 * {@code ## Dependencies} sections, and adds the ordering that list order and phases imply.
 */
final class TaskAssembler {

    private final Path file;
    private final Document doc;
    private final FormatReader reader;
    private final List<RawTask> raws;
    private final Warnings warnings;

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
        List<String> ids = TaskIds.settle(raws, warnings, written);
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = raws.get(i).startLine + 1;
        }
        IdIndex index = new IdIndex(ids, written, lines);
        DependencyText dependencies = new DependencyText(index, warnings, phaseMembers());
        TaskBodyReader bodies = new TaskBodyReader(doc, raws, dependencies, warnings);

        List<TaskDetails> details = new ArrayList<>(n);
        boolean[] inTask = new boolean[doc.size()];
        int stating = 0;
        for (int i = 0; i < n; i++) {
            RawTask raw = raws.get(i);
            TaskDetails d = bodies.read(i, raw.bodyFrom, raw.bodyTo, true);
            for (LineRange section : raw.details) {
                d.add(bodies.read(i, section.from(), section.to(), false));
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

    private Task build(int i, List<String> ids, TaskDetails d, List<Dependency> ordered) {
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
