package dev.orchestrate.select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown headings a line of a task file stands under ({@code ## Phase 2: Foundational},
 * {@code ## P1 High}), so that {@code --only} can choose a phase by its name.
 */
final class Sections {

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    /** line (1-based) → the headings above it, outermost first; a heading line does not count its own. */
    private final Map<Integer, List<String>> enclosing = new HashMap<>();

    Sections(String text) {
        String[] lines = text.split("\\r?\\n|\\r", -1);
        String[] open = new String[7];
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fenceMark = FENCE.matcher(line);
            if (fenceMark.find()) {
                fence = fence == null ? fenceMark.group(1) : fence.equals(fenceMark.group(1)) ? null : fence;
                continue;
            }
            Matcher heading = fence == null ? HEADING.matcher(line) : null;
            if (heading != null && heading.matches()) {
                int level = heading.group(1).length();
                for (int l = level; l < open.length; l++) {
                    open[l] = null;
                }
                record(i + 1, open);
                open[level] = heading.group(2).strip();
            } else {
                record(i + 1, open);
            }
        }
    }

    private void record(int line, String[] open) {
        List<String> headings = new ArrayList<>();
        for (String h : open) {
            if (h != null) {
                headings.add(h);
            }
        }
        enclosing.put(line, List.copyOf(headings));
    }

    /** The headings the given line stands under, outermost first. */
    List<String> above(int line) {
        return enclosing.getOrDefault(line, List.of());
    }

    /**
     * Whether {@code name} names this heading: the whole heading, its start up to a word end
     * ({@code Phase 2} for {@code Phase 2: Foundational}, {@code P1} for {@code P1 High}), or the start
     * of what follows its colon ({@code Foundational}, {@code User Story 1}), ignoring case.
     */
    static boolean names(String heading, String name) {
        String h = squeeze(heading);
        String n = squeeze(name);
        if (n.isEmpty()) {
            return false;
        }
        if (startsAsWord(h, n)) {
            return true;
        }
        int colon = h.indexOf(':');
        return colon >= 0 && startsAsWord(h.substring(colon + 1).strip(), n);
    }

    private static boolean startsAsWord(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            return false;
        }
        return text.length() == prefix.length() || !Character.isLetterOrDigit(text.charAt(prefix.length()))
                || !Character.isLetterOrDigit(prefix.charAt(prefix.length() - 1));
    }

    private static String squeeze(String text) {
        return text.replaceAll("[*_`]", "").replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
    }
}
