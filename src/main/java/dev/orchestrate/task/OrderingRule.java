package dev.orchestrate.task;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which rule turns a file's order into dependencies (SPEC §5.2), chosen from what the file states:
 * <ul>
 *   <li>{@link #STEPS}: a plan without ids keeps its order, each step after the one before;</li>
 *   <li>{@link #DEPENDS}: where more than half of the tasks state their own dependencies, those are
 *       the order: explicit dependencies, files and priorities, list order and phases add nothing;</li>
 *   <li>{@link #PHASES}: phases are barriers and inside a phase each task waits for the one before
 *       it, a {@code [P]} task only for the unmarked ones (spec-kit, Kiro, cc-sdd, OpenSpec, Agent OS,
 *       and heading files of numbered steps or with {@code [P]} marks);</li>
 *   <li>{@link #BARRIERS}: one heading per task ({@code ### T001:}): list order is never a
 *       dependency, phases still are barriers.</li>
 * </ul>
 */
enum OrderingRule {
    STEPS, DEPENDS, PHASES, BARRIERS;

    private static final Pattern NUMBERED_STEP = Pattern.compile(
            "(?i)^[*_\\s]*(?:task|step|commit|stage|milestone|part|story|phase)\\s+\\d");

    static OrderingRule choose(FormatReader reader, List<RawTask> raws, Document doc, int stating) {
        if (reader.ordering() == FormatReader.Ordering.SEQUENCE) {
            return STEPS;
        }
        if (2L * stating > raws.size()) {
            return DEPENDS;
        }
        if (reader.ordering() != FormatReader.Ordering.EXPLICIT) {
            return PHASES;
        }
        for (RawTask raw : raws) {
            if (raw.parallel || raw.heading && NUMBERED_STEP.matcher(headingOf(doc, raw)).find()) {
                return PHASES;
            }
        }
        return BARRIERS;
    }

    private static String headingOf(Document doc, RawTask raw) {
        String text = raw.startLine < doc.size() ? doc.headingText(raw.startLine) : null;
        return text == null || text.isEmpty() ? raw.title : text;
    }

    /** The list-order and phase edges of every task, or null when the rule adds none. */
    List<List<Dependency>> orderedAfter(List<RawTask> raws, List<String> ids, Warnings warnings) {
        switch (this) {
            case STEPS:
                return Phases.sequence(ids);
            case DEPENDS:
                return null;
            case BARRIERS:
                return Phases.order(raws, ids, warnings, false);
            default:
                return Phases.order(raws, ids, warnings, true);
        }
    }

    /** The rule in one line, as the plan output shows it. */
    String describe(int stating, int tasks) {
        switch (this) {
            case STEPS:
                return "a plan without ids: each step waits for the one before it";
            case DEPENDS:
                return "Depends fields (" + stating + " of " + tasks + " tasks state them): explicit dependencies, files and "
                        + "priorities; list order and phases add nothing";
            case BARRIERS:
                return "one heading per task: list order is no dependency; phases are barriers; explicit dependencies, "
                        + "files and priorities";
            default:
                return "phases are barriers; inside a phase each task waits for the one before it, [P] tasks only for "
                        + "the unmarked ones; plus explicit dependencies, files and priorities";
        }
    }
}
