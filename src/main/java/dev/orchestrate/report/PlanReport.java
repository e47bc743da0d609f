package dev.orchestrate.report;

import dev.orchestrate.event.Terminal;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.Executor;
import dev.orchestrate.plan.Group;
import dev.orchestrate.plan.PlannedFile;
import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.Diagnostic;
import dev.orchestrate.task.FileOperation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --dry-run} view of a plan: each group with its tasks, what they wait for and the files
 * they touch, then the critical path, the predicted speedup and the warnings. One line per task.
 */
public final class PlanReport {

    static final int TITLE_WIDTH = 50;
    private int titleWidth = TITLE_WIDTH;
    private static final int SHOWN_DEPENDENCIES = 4;
    private static final int SHOWN_FILES = 2;
    private static final int SHOWN_DONE = 20;
    private static final int SHOWN_CONFLICTS = 5;

    private final Terminal terminal;
    private final ExecutionPlan plan;
    private final String arrowLeft;
    private final String arrowRight;
    private final String ellipsis;
    private final String dot;
    private final Map<String, List<String>> directDependencies;

    private PlanReport(ExecutionPlan plan, Terminal terminal) {
        this.plan = plan;
        this.directDependencies = directDependencies(plan);
        this.terminal = terminal;
        this.arrowLeft = terminal.symbol("←", "<-");
        this.arrowRight = terminal.symbol("→", "->");
        this.ellipsis = terminal.symbol("…", "...");
        this.dot = terminal.symbol("·", "-");
    }

    public static void print(ExecutionPlan plan, List<Diagnostic> warnings, Terminal terminal) {
        new PlanReport(plan, terminal).print(warnings, "");
    }

    /** @param ordering the rule that turned the file's order into dependencies ({@code TaskFile.ordering()}), one line */
    public static void print(ExecutionPlan plan, List<Diagnostic> warnings, String ordering, Terminal terminal) {
        new PlanReport(plan, terminal).print(warnings, ordering);
    }

    private void print(List<Diagnostic> warnings, String ordering) {
        List<PlannedTask> done = new ArrayList<>();
        int shell = 0;
        int idWidth = 4;
        for (PlannedTask task : plan.tasks().values()) {
            if (task.alreadyDone()) {
                done.add(task);
            } else {
                idWidth = Math.max(idWidth, task.id().length());
                if (task.executor() == Executor.SHELL) {
                    shell++;
                }
            }
        }
        int toRun = plan.tasks().size() - done.size();
        // on a terminal the titles leave room for what follows them, and no line wraps
        titleWidth = terminal.tty() ? Math.max(12, Math.min(TITLE_WIDTH, terminal.columns() - idWidth - 24)) : TITLE_WIDTH;
        String rule = terminal.symbol("═══", "===");
        line(rule + " Plan: " + count(plan.tasks().size(), "task") + ", " + toRun + " to run in "
                + count(plan.groups().size(), "group") + " on " + count(plan.workers(), "worker") + " " + rule);
        if (toRun > 0) {
            line("    " + (toRun - shell) + " agent " + dot + " " + shell + " shell"
                    + (done.isEmpty() ? "" : " " + dot + " " + done.size() + " already done"));
        }
        if (!ordering.isEmpty()) {
            terminal.line("    Order: " + ordering);
        }
        for (Group group : plan.groups()) {
            printGroup(group, idWidth);
        }
        if (!done.isEmpty()) {
            line(terminal.symbol("✓", "[x]") + " Already done (" + done.size() + "): " + ids(done));
        }
        printConflicts();
        printCriticalPath();
        printWarnings(warnings);
    }

    /** A line of the plan, cut to the screen's width on a terminal. */
    private void line(String text) {
        terminal.line(terminal.tty() ? terminal.fit(text) : text);
    }

    private void printGroup(Group group, int idWidth) {
        // one line per group: its id, the workers it keeps busy, and the planner's rationale
        String workers = group.parallel() ? " " + dot + " " + count(group.workersNeeded(), "worker") : "";
        line(terminal.symbol("▸", ">") + " " + group.id() + workers + " " + dot + " " + group.rationale());
        for (String id : group.tasks()) {
            line("    " + taskLine(plan.task(id), idWidth));
        }
    }

    private String taskLine(PlannedTask task, int idWidth) {
        StringBuilder line = new StringBuilder(pad(task.id(), idWidth)).append("  ");
        // a shell task shows as a prompt; an agent task is the usual case and needs no mark
        String title = task.executor() == Executor.SHELL
                ? "$ " + truncate(oneLine(task.task().title()), titleWidth - 2)
                : truncate(oneLine(task.task().title()), titleWidth);
        line.append(title);
        int titleEnd = line.length();
        List<String> waits = directDependencies.getOrDefault(task.id(), List.of());
        if (!waits.isEmpty()) {
            line.append("  ").append(arrowLeft).append(' ').append(limited(waits, SHOWN_DEPENDENCIES));
        }
        if (!task.files().isEmpty()) {
            List<String> files = new ArrayList<>();
            for (PlannedFile file : task.files()) {
                files.add(file(file));
            }
            line.append("  ").append(dot).append(' ').append(limited(files, SHOWN_FILES));
        }
        if (line.length() > titleEnd) {
            // the dependencies and files start in one column, whatever the title's length
            line.insert(titleEnd, " ".repeat(Math.max(0, titleWidth - title.codePointCount(0, title.length()))));
        }
        return line.toString();
    }

    /** A file as the plan treats it: modify is the usual case and says nothing more. */
    private static String file(PlannedFile file) {
        String operation = file.operation() == FileOperation.MODIFY ? "" : file.operation().jsonName();
        String lock = file.locked() || file.operation() == FileOperation.READ ? "" : "not locked";
        String notes = operation.isEmpty() || lock.isEmpty() ? operation + lock : operation + ", " + lock;
        return notes.isEmpty() ? file.path() : file.path() + " (" + notes + ")";
    }

    /**
     * What each task to run waits for, without what it waits for anyway through another dependency:
     * a phase barrier on ten tasks shows as the one task that closes the phase.
     */
    private static Map<String, List<String>> directDependencies(ExecutionPlan plan) {
        Map<String, Integer> position = new HashMap<>();
        List<PlannedTask> ordered = new ArrayList<>();
        for (Group group : plan.groups()) {
            for (String id : group.tasks()) {
                position.put(id, ordered.size());
                ordered.add(plan.task(id));
            }
        }
        // groups run in dependency order, so every dependency's ancestors are known before its dependents'
        List<BitSet> ancestors = new ArrayList<>(ordered.size());
        Map<String, List<String>> direct = new HashMap<>();
        for (PlannedTask task : ordered) {
            List<Integer> deps = new ArrayList<>();
            for (String dependency : task.allDependencies()) {
                Integer p = position.get(dependency);
                if (p != null) {
                    deps.add(p);
                }
            }
            BitSet mine = new BitSet();
            for (int d : deps) {
                mine.or(ancestors.get(d));
            }
            List<String> shown = new ArrayList<>();
            for (int d : deps) {
                if (!mine.get(d)) {
                    shown.add(ordered.get(d).id());
                }
            }
            for (int d : deps) {
                mine.set(d);
            }
            ancestors.add(mine);
            direct.put(task.id(), shown);
        }
        return direct;
    }

    private void printConflicts() {
        Map<String, List<String>> conflicts = plan.conflictMap();
        if (conflicts.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : conflicts.entrySet()) {
            if (shown.size() == SHOWN_CONFLICTS) {
                shown.add((conflicts.size() - SHOWN_CONFLICTS) + " more");
                break;
            }
            shown.add(entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")");
        }
        line("Shared files, never changed at once: " + String.join("; ", shown));
    }

    private void printCriticalPath() {
        List<String> path = plan.criticalPath();
        if (path.isEmpty()) {
            line("Nothing to run.");
            return;
        }
        double work = 0;
        double chain = 0;
        for (PlannedTask task : plan.tasks().values()) {
            if (!task.alreadyDone()) {
                work += task.task().estimate();
            }
        }
        for (String id : path) {
            chain += plan.task(id).task().estimate();
        }
        String chainText = path.size() <= 12 ? String.join(" " + arrowRight + " ", path)
                : String.join(" " + arrowRight + " ", path.subList(0, 5)) + " " + arrowRight + " " + ellipsis
                + " " + arrowRight + " " + String.join(" " + arrowRight + " ", path.subList(path.size() - 5, path.size()));
        line("Critical path (" + count(path.size(), "task") + ", weight " + number(chain) + "): " + chainText);
        line("Predicted speedup: " + String.format(Locale.ROOT, "%.1fx", plan.parallelismScore())
                + " with " + count(plan.workers(), "worker") + " (total work " + number(work) + ", critical path "
                + number(chain) + ")");
    }

    private void printWarnings(List<Diagnostic> warnings) {
        if (warnings == null || warnings.isEmpty()) {
            return;
        }
        line(terminal.symbol("⚠️", "!") + " Warnings (" + warnings.size() + "):");
        for (Diagnostic warning : warnings) {
            String where = warning.file() == null ? "" : warning.file() + (warning.line() > 0 ? ":" + warning.line() : "") + ": ";
            line("    " + where + warning.message());
        }
    }

    private String ids(List<PlannedTask> tasks) {
        List<String> ids = new ArrayList<>();
        for (PlannedTask task : tasks) {
            ids.add(task.id());
        }
        return limited(ids, SHOWN_DONE);
    }

    private String limited(List<String> items, int shown) {
        if (items.size() <= shown) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, shown)) + " +" + (items.size() - shown) + " more";
    }

    private String truncate(String text, int width) {
        if (text.codePointCount(0, text.length()) <= width) {
            return text;
        }
        int end = text.offsetByCodePoints(0, width - 1);
        return text.substring(0, end).stripTrailing() + ellipsis;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String pad(String text, int width) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
