package dev.orchestrate.report;

import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.plan.PlannedTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The section headings of a task file ({@code ## Phase 2: Foundational}, {@code ## P1 High}) and the
 * one each task stands under: what names a task in a report across plans, where group ids change.
 * Headings that are tasks themselves, and anything inside fenced code blocks, are not sections.
 */
final class Sections {

    /** An ATX heading of level 1 or 2: {@code ## text}, closing hashes dropped. */
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,2})[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    private final TreeMap<Integer, String> byLine;

    private Sections(TreeMap<Integer, String> byLine) {
        this.byLine = byLine;
    }

    /** The sections of the plan's task file; none when it cannot be read. */
    static Sections of(ExecutionPlan plan) {
        TreeMap<Integer, String> byLine = new TreeMap<>();
        if (plan.taskFile() == null) {
            return new Sections(byLine);
        }
        Set<Integer> taskLines = new HashSet<>();
        for (PlannedTask task : plan.tasks().values()) {
            taskLines.add(task.task().line());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(plan.taskFile(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new Sections(byLine);
        }
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (f.find()) {
                String marks = f.group(1);
                if (fence == null) {
                    fence = marks.substring(0, 3);
                } else if (marks.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (fence == null && h.matches() && !taskLines.contains(i + 1) && h.group(1).length() == 2 && !h.group(2).isBlank()) {
                byLine.put(i + 1, h.group(2).strip());
            }
        }
        return new Sections(byLine);
    }

    /** The nearest section heading above {@code line}. */
    Optional<String> above(int line) {
        return Optional.ofNullable(byLine.lowerEntry(line)).map(java.util.Map.Entry::getValue);
    }
}
