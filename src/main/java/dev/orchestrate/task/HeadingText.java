package dev.orchestrate.task;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a heading's words say about its section: the priority it gives ({@code ## P0 Critical},
 * {@code (Priority: P1)}), the phase it opens, whether it holds dependencies or criteria and notes
 * rather than tasks. Decoration ({@code ## 🔗 **Dependencies**}) does not count.
 */
final class HeadingText {

    private static final Pattern DEPENDENCY_HEADING = Pattern.compile(
            "(?i)^(?:\\d+(?:\\.\\d+)*\\.?\\s+)?(?:(?:task|phase|story|user\\s+story|cross[- ]task)\\s+)?"
                    + "(?:dependenc(?:y|ies)\\b|execution\\s+order\\b)");
    private static final Pattern PRIORITY_WORD = Pattern.compile(
            "(?i)\\bpriority\\s*[:：=]?\\s*(?<level>p\\d{1,3}|critical|blocker|urgent|high|medium|normal|moderate|low|minor)\\b");
    private static final Pattern LEADING_P_LEVEL = Pattern.compile("^\\[?[Pp](?<digits>\\d{1,3})\\]?(?:$|[\\s:：\\-–—)])");
    private static final Pattern LEVEL_WORD_HEADING = Pattern.compile(
            "(?i)^(?<word>critical|urgent|high|medium|normal|low)(?:\\s+priority)?(?:\\s+(?:tasks?|items?|issues?))?\\s*[:：]?\\s*$");
    private static final Pattern PHASE_HEADING = Pattern.compile("(?i)^phase\\s+(?<number>[\\p{L}\\p{N}][\\p{L}\\p{N}.\\-]*)");
    /** Sections whose lists are criteria, notes or records about the work, never the work itself. */
    private static final Pattern NOT_TASK_HEADING = Pattern.compile("""
            (?ix)^(?:
              (?:acceptance|success|exit|completion|done)\\s+criteria(?:\\s+verification)?   # Acceptance Criteria, Success Criteria
            | proof\\s+requirements? | definition\\s+of\\s+done
            | (?:dev\\s+|implementation\\s+)?notes? | validation\\s+checklist | verification
            | optional\\s+enhancements(?:\\s*\\(future\\))? | future(?:\\s+(?:enhancements|ideas|work))?
            | out\\s+of\\s+scope | decision\\s+log | surprises(?:\\s*(?:&|and)\\s*discoveries)?
            | progress(?:\\s+(?:log|checklist))? | change\\s*log | references
            )\\s*[:：]?\\s*$""");

    private HeadingText() {
    }

    static boolean isNotTask(String heading) {
        return NOT_TASK_HEADING.matcher(stripDecoration(heading)).find();
    }

    /** Reads {@code Phase 3.1: Setup} as {@code phase 3.1}; any other heading as {@code phase "Setup"}. */
    static String phaseLabel(String heading) {
        String t = stripDecoration(heading);
        Matcher m = PHASE_HEADING.matcher(t);
        if (m.find()) {
            String number = m.group("number");
            while (number.endsWith(".") || number.endsWith("-")) {
                number = number.substring(0, number.length() - 1);
            }
            return "phase " + number;
        }
        String shown = t.length() > 60 ? t.substring(0, 57) + "..." : t;
        return "phase \"" + shown + "\"";
    }

    static boolean isPhase(String heading) {
        return PHASE_HEADING.matcher(stripDecoration(heading)).find();
    }

    /** The priority a heading gives its section, if it gives one. */
    static Optional<Priority> priority(String heading) {
        String t = stripDecoration(heading);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.contains("riority")) {
            Matcher m = PRIORITY_WORD.matcher(t);
            if (m.find()) {
                return Priority.ofWord(m.group("level"));
            }
        }
        char first = t.charAt(0);
        if (first == 'P' || first == 'p' || first == '[') {
            Matcher m = LEADING_P_LEVEL.matcher(t);
            if (m.find()) {
                return Optional.of(Priority.ofLevel(m.group("digits")));
            }
        }
        if (t.length() <= 40 && "CcUuHhMmNnLl".indexOf(first) >= 0) {
            Matcher m = LEVEL_WORD_HEADING.matcher(t);
            if (m.find()) {
                return Priority.parse(m.group("word"));
            }
        }
        return Optional.empty();
    }

    /** Cheap first look for {@link #priority}: a task heading such as {@code T001: title} gives none. */
    static boolean mayGivePriority(String heading) {
        int colon = heading.indexOf(':');
        boolean taskLike = colon > 1 && colon <= 14 && Character.isDigit(heading.charAt(colon - 1))
                && heading.indexOf('(') < 0 && heading.indexOf('[') < 0;
        return !taskLike || heading.regionMatches(true, 0, "p", 0, 1) || heading.toLowerCase(Locale.ROOT).contains("riority");
    }

    /** Drops leading emoji, bold markers and the like so that {@code ## 🔗 **Dependencies**} reads as a word. */
    static String stripDecoration(String heading) {
        int i = 0;
        while (i < heading.length()) {
            int cp = heading.codePointAt(i);
            if (Character.isLetterOrDigit(cp) || cp == '[' || cp == '(') {
                break;
            }
            i += Character.charCount(cp);
        }
        return heading.substring(i).replace("**", "").replace("__", "").strip();
    }

    /** {@code ## Dependencies}, {@code ### Task Dependencies}, {@code ## Execution Order}: a section that lists dependencies. */
    static boolean isDependencies(String heading) {
        String lower = heading.toLowerCase(Locale.ROOT);
        return (lower.contains("ependenc") || lower.contains("xecution")) && DEPENDENCY_HEADING.matcher(stripDecoration(heading)).find();
    }
}
