package dev.orchestrate.event;

import dev.orchestrate.event.RunState.Phase;
import dev.orchestrate.event.RunState.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one line under the board: how far the run is, what runs and fails, how long it took and how
 * long it may still take — {@code [████░░░░] 412/1000 done · 5 running · 2 failed · 1m 12s elapsed · ETA 1m 40s}.
 * It drops the bar, then the ETA, then the elapsed time when the screen is too narrow.
 */
final class ProgressLine {

    private static final int BAR_WIDTH = 20;

    private ProgressLine() {
    }

    static String render(RunState state, Instant now, Style style, int columns) {
        int total = 0;
        int ended = 0;
        int running = 0;
        int failed = 0;
        double doneWeight = 0;
        double leftWeight = 0;
        int left = 0;
        long doneMillis = 0;
        for (Row row : state.rows()) {
            if (row.phase.held()) {
                continue;
            }
            total++;
            if (row.phase.ended()) {
                ended++;
                if (row.phase == Phase.COMPLETED && !row.took.isZero()) {
                    doneWeight += row.estimate;
                    doneMillis += row.took.toMillis();
                }
            } else {
                left++;
                leftWeight += row.estimate;
            }
            if (row.phase == Phase.RUNNING) {
                running++;
            }
            if (row.phase == Phase.FAILED) {
                failed++;
            }
        }
        Instant start = state.startedAt().orElse(now);
        Duration elapsed = Duration.between(start, state.finishedAt().orElse(now));
        Optional<Duration> eta = eta(doneWeight, doneMillis, leftWeight, left, state.workers());
        String sep = style.ascii() ? " | " : " · ";

        List<String> parts = new ArrayList<>();
        parts.add(ended + "/" + total + " done");
        parts.add(running + " running");
        if (failed > 0) {
            parts.add(style.red(failed + " failed"));
        }
        String counts = String.join(sep, parts);
        String time = HumanTime.compact(elapsed) + " elapsed";
        String etaText = "ETA " + (left == 0 ? "0s" : eta.map(HumanTime::compact).orElse(style.ascii() ? "?" : "…"));
        String bar = bar(ended, total, style);

        for (String candidate : List.of(
                bar + " " + counts + sep + time + sep + etaText,
                counts + sep + time + sep + etaText,
                counts + sep + etaText,
                counts)) {
            if (TextWidth.of(candidate) <= columns) {
                return candidate;
            }
        }
        return TextWidth.fit(counts, columns, style.ascii());
    }

    /**
     * The time the tasks left need, from the time completed tasks took per unit of the plan's
     * estimate, shared among the workers; empty before the first task completed.
     */
    static Optional<Duration> eta(double doneWeight, long doneMillis, double leftWeight, int left, int workers) {
        if (doneWeight <= 0 || left == 0) {
            return left == 0 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        double perUnit = doneMillis / doneWeight;
        int parallel = Math.max(1, Math.min(workers, left));
        return Optional.of(Duration.ofMillis(Math.round(leftWeight * perUnit / parallel)));
    }

    private static String bar(int ended, int total, Style style) {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) ended * BAR_WIDTH / total);
        String full = style.ascii() ? "#" : "█";
        String empty = style.ascii() ? "." : "░";
        return "[" + style.green(full.repeat(filled)) + empty.repeat(BAR_WIDTH - filled) + "]";
    }
}
