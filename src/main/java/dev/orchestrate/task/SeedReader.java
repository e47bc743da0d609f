package dev.orchestrate.task;

import java.util.regex.Pattern;

/**
 * The seed's own {@code /tasks} format: {@code ### T001: title} under {@code ## P0 Critical} …
 * {@code ## P3} sections, {@code **Files**: a.ts:123, b.ts}, {@code **Depends**: T001} or
 * {@code none}, {@code **Success**:}, checkbox steps, and a {@code ## Dependencies} section
 * ({@code T001 → T002}, {@code T003 blocks T004}). It reads like a heading-per-task file whose
 * priority sections set each task's priority.
 */
final class SeedReader extends HeadingReader {

    private static final Pattern PRIORITY_SECTION = Pattern.compile("^P[0-3]\\b");

    SeedReader() {
        super("seed");
    }

    /** A heading-per-task file that also has {@code ## P0} … {@code ## P3} sections. */
    @Override
    boolean accepts(Document doc) {
        boolean sections = false;
        for (int i = 0; i < doc.size() && !sections; i++) {
            sections = doc.headingLevel(i) > 0 && taskHeading(doc, i) == null
                    && PRIORITY_SECTION.matcher(HeadingText.stripDecoration(doc.headingText(i))).find();
        }
        return sections && super.accepts(doc);
    }
}
