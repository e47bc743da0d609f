package dev.orchestrate.event;

import dev.orchestrate.event.RunState.Phase;
import dev.orchestrate.event.RunState.Row;
import dev.orchestrate.plan.Group;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The seed's ORCHESTRATION STATUS block: a row per task with its state, the active groups' counts,
 * the workers and the time elapsed. Rendered from a {@link RunState}; the console and progress.txt
 * both print it.
 */
final class StatusBoard {

    static final int WIDTH = 59;
    private static final int MAX_GROUP_LINES = 3;
    private static final int MAX_DEPENDENCIES_SHOWN = 3;
    private static final int MAX_TEXT = 60;

    /** The order in which rows earn a place on a board too small for all of them. */
    private static final List<Phase> IMPORTANCE = List.of(Phase.RUNNING, Phase.FAILED, Phase.RETRY, Phase.DEFERRED,
            Phase.STOPPED, Phase.SKIPPED, Phase.NOT_RUN, Phase.PENDING, Phase.COMPLETED, Phase.ALREADY_DONE, Phase.RESUMED,
            Phase.NOT_SELECTED);

    private StatusBoard() {
    }

    /**
     * @param maxRows how many task rows at most; the rest are counted in one line
     */
    static List<String> render(RunState state, Instant now, Style style, int maxRows) {
        return render(state, now, style, maxRows, Integer.MAX_VALUE);
    }

    /**
     * @param maxRows how many task rows at most; the rest are counted in one line
     * @param columns how wide a line may be: longer ones are cut, the rules are no wider
     */
    static List<String> render(RunState state, Instant now, Style style, int maxRows, int columns) {
        List<String> lines = new ArrayList<>();
        for (String line : lines(state, now, style, maxRows, columns)) {
            lines.add(TextWidth.fit(line, columns, style.ascii()));
        }
        return lines;
    }

    private static List<String> lines(RunState state, Instant now, Style style, int maxRows, int columns) {
        String rule = Glyph.RULE.times(style, Math.min(WIDTH, columns));
        List<String> lines = new ArrayList<>();
        lines.add(rule);
        lines.add(style.bold("ORCHESTRATION STATUS"));
        lines.add(rule);
        List<Row> rows = state.rows();
        Set<Row> shown = choose(rows, maxRows);
        Map<Phase, Integer> hidden = new EnumMap<>(Phase.class);
        for (Row row : rows) {
            if (shown.contains(row)) {
                lines.add(row(state, row, style));
            } else {
                hidden.merge(row.phase, 1, Integer::sum);
            }
        }
        if (!hidden.isEmpty()) {
            lines.add(style.dim(hiddenLine(hidden)));
        }
        lines.add(rule);
        lines.addAll(groupLines(state));
        long active = state.activeWorkers();
        lines.add("Workers: " + active + " active | " + Math.max(0, state.workers() - active) + " available");
        Instant start = state.startedAt().orElse(now);
        Instant end = state.finishedAt().orElse(now);
        lines.add("Time elapsed: " + HumanTime.clock(Duration.between(start, end)));
        lines.add(rule);
        return lines;
    }

    private static Set<Row> choose(List<Row> rows, int maxRows) {
        if (rows.size() <= maxRows) {
            return new HashSet<>(rows);
        }
        Set<Row> chosen = new HashSet<>();
        // one line is kept for the count of the rows left out
        int room = Math.max(0, maxRows - 1);
        for (Phase phase : IMPORTANCE) {
            for (Row row : rows) {
                if (chosen.size() == room) {
                    return chosen;
                }
                if (row.phase == phase) {
                    chosen.add(row);
                }
            }
        }
        return chosen;
    }

    private static String row(RunState state, Row row, Style style) {
        String id = style.clean(row.id);
        switch (row.phase) {
            case COMPLETED:
                return style.green(Glyph.COMPLETED.cell(style)) + " " + id + ": " + cut(style.clean(row.title));
            case ALREADY_DONE:
                return style.green(Glyph.COMPLETED.cell(style)) + " " + id + ": " + cut(style.clean(row.title)) + " (already done)";
            case RESUMED:
                return style.green(Glyph.COMPLETED.cell(style)) + " " + id + ": " + cut(style.clean(row.title)) + " (resumed)";
            case NOT_SELECTED:
                return style.dim(Glyph.SKIPPED.cell(style) + " " + id + ": " + cut(style.clean(row.title)) + " (not selected)");
            case RUNNING:
                return style.yellow(Glyph.STARTED.cell(style)) + " " + id + ": Running on " + row.worker
                        + (row.attempt > 1 ? " (attempt " + row.attempt + "/" + row.maxAttempts + ")" : "");
            case FAILED:
                return style.red(Glyph.FAILED.cell(style)) + " " + id + ": Failed: " + cut(style.clean(row.error));
            case RETRY:
                return Glyph.PENDING.cell(style) + " " + id + ": Queued for retry (attempt " + row.attempt + "/"
                        + row.maxAttempts + " failed: " + cut(style.clean(row.error)) + ")";
            case DEFERRED:
                return Glyph.PENDING.cell(style) + " " + id + ": Deferred (file locked by " + row.lockedBy + ")";
            case SKIPPED:
                return style.dim(Glyph.SKIPPED.cell(style) + " " + id + ": Skipped (blocked by "
                        + String.join(", ", row.blockedBy) + ")");
            case NOT_RUN:
                return style.dim(Glyph.PENDING.cell(style) + " " + id + ": Not run");
            case STOPPED:
                return style.yellow(Glyph.SKIPPED.cell(style)) + " " + id + ": Stopped (the run was stopped)";
            default:
                List<String> open = state.unfinishedDependencies(row);
                if (open.isEmpty()) {
                    return Glyph.PENDING.cell(style) + " " + id + ": Queued";
                }
                String deps = String.join(", ", open.subList(0, Math.min(open.size(), MAX_DEPENDENCIES_SHOWN)))
                        + (open.size() > MAX_DEPENDENCIES_SHOWN ? ", +" + (open.size() - MAX_DEPENDENCIES_SHOWN) + " more" : "");
                return Glyph.PENDING.cell(style) + " " + id + ": Pending (depends on " + deps + ")";
        }
    }

    /** Long titles and errors are cut so a row fits a terminal line and the board can be redrawn in place. */
    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT - 3)) + "...";
    }

    private static String hiddenLine(Map<Phase, Integer> hidden) {
        int total = hidden.values().stream().mapToInt(Integer::intValue).sum();
        StringJoiner parts = new StringJoiner(", ");
        hidden.forEach((phase, count) -> parts.add(count + " " + phaseWord(phase)));
        return "... " + total + " more: " + parts;
    }

    private static String phaseWord(Phase phase) {
        return phase == Phase.RETRY ? "waiting to retry" : phase.words();
    }

    /** The groups under way (or the next one); at the end, how many groups completed. */
    private static List<String> groupLines(RunState state) {
        List<String> lines = new ArrayList<>();
        List<Group> groups = state.groups();
        if (state.finishedAt().isPresent()) {
            long done = groups.stream().filter(g -> state.rowsOf(g).stream().allMatch(r -> r.phase.succeeded())).count();
            lines.add("Groups: " + done + " of " + groups.size() + " completed");
            return lines;
        }
        List<Group> active = new ArrayList<>();
        Group next = null;
        for (Group group : groups) {
            List<Row> rows = state.rowsOf(group);
            boolean allEnded = rows.stream().allMatch(r -> r.phase.ended());
            if (allEnded || state.groupCompleted(group.id())) {
                continue;
            }
            boolean started = rows.stream().anyMatch(r -> r.phase != Phase.PENDING && !r.phase.held());
            if (started) {
                active.add(group);
            } else if (next == null) {
                next = group;
            }
        }
        if (active.isEmpty() && next != null) {
            active.add(next);
        }
        for (int i = 0; i < active.size() && i < MAX_GROUP_LINES; i++) {
            lines.add(groupLine(active.get(i), state.rowsOf(active.get(i))));
        }
        if (active.size() > MAX_GROUP_LINES) {
            lines.add("... " + (active.size() - MAX_GROUP_LINES) + " more groups under way");
        }
        return lines;
    }

    private static String groupLine(Group group, List<Row> rows) {
        long completed = rows.stream().filter(r -> r.phase.succeeded()).count();
        long running = rows.stream().filter(r -> r.phase == Phase.RUNNING).count();
        long pending = rows.stream().filter(r -> r.phase.waiting()).count();
        long failed = rows.stream().filter(r -> r.phase == Phase.FAILED).count();
        long skipped = rows.stream().filter(r -> r.phase == Phase.SKIPPED || r.phase == Phase.NOT_RUN).count();
        long stopped = rows.stream().filter(r -> r.phase == Phase.STOPPED).count();
        return "Group " + group.id() + ": " + completed + " completed | " + running + " running | " + pending + " pending"
                + (failed > 0 ? " | " + failed + " failed" : "")
                + (skipped > 0 ? " | " + skipped + " skipped" : "")
                + (stopped > 0 ? " | " + stopped + " stopped" : "");
    }
}
