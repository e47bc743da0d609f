package dev.orchestrate.task;

import java.util.Arrays;

/**
 * The headings of a markdown file and the sections they open: for every line, its heading level
 * and text when it is a heading, the heading of the section that holds it, and what the enclosing
 * headings say about it (a priority, a {@code ## Dependencies} section, a criteria or notes section).
 */
final class Sections {

    private final LineKinds lines;
    /** 1…6 for an ATX heading line, else 0. */
    final int[] headingLevel;
    final String[] headingText;
    final int[] lastHeading;
    final int[] parentHeading;
    final boolean[] dependencySection;
    final Priority[] sectionPriority;
    /** 1 + the line of the enclosing criteria or notes heading, 0 outside one. */
    final int[] notTaskSection;

    Sections(LineKinds lines) {
        int n = lines.raw.length;
        this.lines = lines;
        this.headingLevel = new int[n];
        this.headingText = new String[n];
        this.lastHeading = new int[n];
        this.parentHeading = new int[n];
        this.dependencySection = new boolean[n];
        this.sectionPriority = new Priority[n];
        this.notTaskSection = new int[n];
        structure();
    }

    /** Walks the headings once, keeping the open heading of each level and what it gives the lines under it. */
    private void structure() {
        int n = lines.raw.length;
        int[] openAtLevel = new int[7];
        Priority[] priorityAtLevel = new Priority[7];
        Arrays.fill(openAtLevel, -1);
        int last = -1;
        int dependencyLevel = 0;
        int notTaskLevel = 0;
        int notTaskHeading = -1;
        for (int i = 0; i < n; i++) {
            parentHeading[i] = -1;
            if (lines.kind[i] == Document.Kind.TEXT) {
                parseHeading(i);
            }
            int level = headingLevel[i];
            if (level > 0) {
                int parent = -1;
                for (int l = level - 1; l >= 1; l--) {
                    if (openAtLevel[l] >= 0) {
                        parent = openAtLevel[l];
                        break;
                    }
                }
                parentHeading[i] = parent;
                for (int l = level; l <= 6; l++) {
                    openAtLevel[l] = -1;
                    priorityAtLevel[l] = null;
                }
                openAtLevel[level] = i;
                priorityAtLevel[level] = HeadingText.mayGivePriority(headingText[i]) ? HeadingText.priority(headingText[i]).orElse(null) : null;
                last = i;
                if (notTaskLevel > 0 && level <= notTaskLevel) {
                    notTaskLevel = 0;
                }
                if (notTaskLevel == 0 && HeadingText.isNotTask(headingText[i])) {
                    notTaskLevel = level;
                    notTaskHeading = i;
                }
                if (dependencyLevel > 0 && level <= dependencyLevel) {
                    dependencyLevel = 0;
                }
                if (dependencyLevel == 0 && HeadingText.isDependencies(headingText[i])) {
                    dependencyLevel = level;
                }
            } else {
                dependencySection[i] = dependencyLevel > 0;
            }
            lastHeading[i] = last;
            notTaskSection[i] = notTaskLevel > 0 ? notTaskHeading + 1 : 0;
            for (int l = 6; l >= 1; l--) {
                if (priorityAtLevel[l] != null) {
                    sectionPriority[i] = priorityAtLevel[l];
                    break;
                }
            }
        }
    }

    private void parseHeading(int i) {
        String line = lines.text[i];
        int ind = lines.indent[i];
        if (ind > 3) {
            return;
        }
        String s = line.stripLeading();
        int hashes = 0;
        while (hashes < s.length() && s.charAt(hashes) == '#') {
            hashes++;
        }
        if (hashes == 0 || hashes > 6) {
            return;
        }
        if (hashes < s.length() && s.charAt(hashes) != ' ' && s.charAt(hashes) != '\t') {
            return;
        }
        String content = s.substring(hashes).strip();
        int end = content.length();
        while (end > 0 && content.charAt(end - 1) == '#') {
            end--;
        }
        if (end == 0) {
            content = "";
        } else if (end < content.length() && (content.charAt(end - 1) == ' ' || content.charAt(end - 1) == '\t')) {
            content = content.substring(0, end).strip();
        }
        headingLevel[i] = hashes;
        headingText[i] = content;
    }
}
