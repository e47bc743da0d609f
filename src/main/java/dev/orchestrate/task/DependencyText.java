package dev.orchestrate.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the dependencies a file states (SPEC §5.2): {@code Depends:} fields in any spelling,
 * inline {@code (depends on T012)}, and the lines of a {@code ## Dependencies} section
 * ({@code A → B}, {@code A -> B}, {@code A blocks B, C}, {@code X before Y}, {@code B after A},
 * {@code B depends on A}, {@code B … once A lands}, with ranges). Ids that name no task, and text
 * that names no task at all, become warnings.
 */
final class DependencyText {

    /** An edge: {@code task} waits for {@code prerequisite}; indexes into the file's tasks. */
    record Edge(int task, int prerequisite, int line) {
    }

    /** Where a {@link #RELATION} stands in its line, and whether the tasks on its left come first. */
    private record Relation(int start, int end, boolean leftFirst) {
    }

    private static final Pattern INLINE = Pattern.compile(
            "(?i)\\b(?:depends\\s+(?:up)?on|depending\\s+on|dependent\\s+on|requires|blocked\\s+by|after|waits?\\s+(?:for|on)|needs)\\b\\s*:?\\s*");
    /** A word each {@link #INLINE} phrase starts with, lower case. */
    private static final List<String> INLINE_KEY_WORDS = List.of("depend", "requires", "blocked", "after", "wait", "need");
    /** Their first letters, each word's at its index: no two start alike. */
    private static final String INLINE_KEY_LETTERS = INLINE_KEY_WORDS.stream().map(w -> w.substring(0, 1)).collect(Collectors.joining());
    private static final Pattern NEGATED = Pattern.compile("(?i)\\b(?:not|no|never|without|n't)\\s*$");
    /** The word or arrow between two sides of a {@code ## Dependencies} line; which side comes first. */
    private static final Pattern RELATION = Pattern.compile("""
            (?ix)
              (?<arrow> --> | -> | => | → | ⟶ | ➜ | ➔ | ⇒ | ▶ | ──▶ )                        # A → B: A first
            | \\b(?<before> blocks | block | must\\s+(?:complete|finish|be\\s+done)\\s+before | before
                | precedes | precede | enables | enable | unblocks | unblock | then
                | (?:is\\s+)?required\\s+by | feeds(?:\\s+into)? )\\b                                # A blocks B: A first
            | \\b(?<after> after | depends\\s+(?:up)?on | depend\\s+(?:up)?on | depending\\s+on | requires
                | require | needs | need | waits?\\s+(?:for|on) | (?:is\\s+)?blocked\\s+by | once | follows
                | following | can\\s+(?:start|proceed|begin)\\s+(?:after|once|when) )\\b              # B after A: A first
            """);
    private static final Pattern PARALLEL_WORDS = Pattern.compile(
            "(?i)parallel|independent|concurren|simultaneous|same\\s+time|no\\s+(?:inter)?dependenc");
    private static final Pattern NONE = Pattern.compile(
            "(?i)^[\\s*_`(\\[]*(?:none|n/?a|nothing|no(?:\\s+dependenc\\w*)?|independent|-|—|–|tbd)\\b.*|^[\\s*_`\\-—–]*$");

    private static final Pattern GAP_WORDS = Pattern.compile("\\b(?:and|or|tasks?)\\b");

    /** More edges than this from one line is a runaway range ({@code T1-T9999 before T1-T9999}), not a plan. */
    static final int MAX_EDGES_PER_LINE = 100_000;

    /** {@code Phase 2}, {@code Phases 41, 42}, {@code phase 3.1 and 3.2}: a whole phase named as a dependency. */
    private static final Pattern PHASE_REFERENCE = Pattern.compile("""
            (?ix)\\bphases?\\s+
            (?<numbers> \\d+(?:\\.\\d+)*                                              # Phase 2, phase 3.1
              (?:\\s*(?:,|&|/|and|und|y|et)\\s*(?:phase\\s+)?\\d+(?:\\.\\d+)*)* )     # , 42 / and phase 3.2
            """);
    private static final Pattern PHASE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)*");

    private final IdIndex index;
    private final Warnings warnings;
    private final Map<String, List<Integer>> phases;

    DependencyText(IdIndex index, Warnings warnings) {
        this(index, warnings, Map.of());
    }

    /** @param phases the tasks of each phase by its number, for {@code Depends on: Phase 2 complete} */
    DependencyText(IdIndex index, Warnings warnings, Map<String, List<Integer>> phases) {
        this.index = index;
        this.warnings = warnings;
        this.phases = phases;
    }

    /** The settled id of the task at {@code task}. */
    String id(int task) {
        return index.id(task);
    }

    /** A {@code Depends:} field's value. */
    List<Integer> field(String value, int line, int task) {
        List<Integer> wholePhases = new ArrayList<>();
        if (!phases.isEmpty()) {
            Matcher m = PHASE_REFERENCE.matcher(value);
            StringBuilder rest = new StringBuilder();
            int from = 0;
            while (m.find()) {
                boolean known = true;
                List<Integer> members = new ArrayList<>();
                Matcher n = PHASE_NUMBER.matcher(m.group("numbers"));
                while (n.find()) {
                    List<Integer> phase = phases.get(n.group());
                    if (phase == null) {
                        known = false;
                    } else {
                        members.addAll(phase);
                    }
                }
                if (known) {
                    wholePhases.addAll(members);
                    rest.append(value, from, m.start()).append(' ');
                    from = m.end();
                }
            }
            if (!wholePhases.isEmpty()) {
                rest.append(value.substring(from));
                value = rest.toString();
            }
        }
        List<IdIndex.Reference> refs = index.scan(value, line + 1);
        if (!wholePhases.isEmpty()) {
            wholePhases.remove(Integer.valueOf(task));
            wholePhases.addAll(known(refs, line, task));
            return wholePhases;
        }
        if (refs.isEmpty()) {
            if (!NONE.matcher(value).find()) {
                warnings.add(line + 1, String.format("could not read the dependencies of %s: \"%s\" names no task of this file; ignored",
                        index.id(task), shorten(value)));
            }
            return List.of();
        }
        return known(refs, line, task);
    }

    /**
     * A field that looks like a dependency field but is none this reader knows: a warning when its value
     * names tasks of the file (they are not taken as dependencies), nothing when it is prose.
     */
    void lookalike(String key, String value, int line, int task) {
        if (INLINE.matcher(key + " ").find()) {
            return; // "Waits for: T001" reads as inline text
        }
        List<IdIndex.Reference> refs = index.scan(value, line + 1);
        if (refs.stream().anyMatch(IdIndex.Reference::known)) {
            warnings.add(line + 1, String.format("%s: field \"%s\" (%s) looks like a dependency field but is not one orchestrate reads; "
                    + "not taken as dependencies (write Depends: …)", index.id(task), key, shorten(value)));
        }
    }

    /** {@code (depends on T012)}, {@code after T003}, {@code requires 1.2} in a task's own text. */
    List<Integer> inline(String text, int line, int task) {
        if (!hasDigit(text) || !mentionsDependency(text)) {
            return List.of();
        }
        Matcher m = INLINE.matcher(text);
        List<Integer> out = new ArrayList<>();
        List<IdIndex.Reference> refs = null;
        while (m.find()) {
            if (NEGATED.matcher(text.substring(Math.max(0, m.start() - 12), m.start())).find()) {
                continue;
            }
            if (refs == null) {
                refs = index.scan(text, line + 1);
            }
            int at = m.end();
            List<IdIndex.Reference> run = new ArrayList<>();
            for (IdIndex.Reference ref : refs) {
                if (ref.start() < at) {
                    continue;
                }
                if (!separatorGap(text.substring(at, ref.start()))) {
                    break;
                }
                if (index.numericIds() && ref.written().indexOf('.') < 0) {
                    break;
                }
                run.add(ref);
                at = ref.end();
            }
            out.addAll(known(run, line, task));
        }
        return out;
    }

    /** One line of a {@code ## Dependencies} section. */
    List<Edge> sectionLine(String text, int line) {
        List<IdIndex.Reference> refs = index.scan(text, line + 1);
        if (refs.isEmpty()) {
            return List.of();
        }
        ListItem item = ListItem.parse(text);
        String shown = shorten((item == null ? text : item.text()).replace("**", "").strip());
        List<Relation> relations = new ArrayList<>();
        Matcher m = RELATION.matcher(text);
        while (m.find()) {
            relations.add(new Relation(m.start(), m.end(), m.group("after") == null));
        }
        if (relations.isEmpty()) {
            if (!PARALLEL_WORDS.matcher(text).find()) {
                warnings.add(line + 1, "could not read dependency \"" + shown + "\": no relation such as →, blocks, before, after or depends on; ignored");
            }
            return List.of();
        }
        List<Edge> edges = new ArrayList<>();
        for (int r = 0; r < relations.size(); r++) {
            Relation relation = relations.get(r);
            int leftFrom = r == 0 ? 0 : relations.get(r - 1).end();
            int rightTo = r + 1 < relations.size() ? relations.get(r + 1).start() : text.length();
            List<IdIndex.Reference> left = between(refs, leftFrom, relation.start());
            List<IdIndex.Reference> right = between(refs, relation.end(), rightTo);
            String word = text.substring(relation.start(), relation.end()).strip();
            if (left.isEmpty() || right.isEmpty()) {
                warnings.add(line + 1, String.format("could not read dependency \"%s\": no task id on the %s of \"%s\"; ignored",
                        shown, left.isEmpty() ? "left" : "right", word));
                continue;
            }
            List<Integer> firsts = known(relation.leftFirst() ? left : right, line, -1);
            List<Integer> thens = known(relation.leftFirst() ? right : left, line, -1);
            if ((long) firsts.size() * thens.size() + edges.size() > MAX_EDGES_PER_LINE) {
                warnings.add(line + 1, String.format("dependency \"%s\" would make %d × %d dependencies; ignored",
                        shown, thens.size(), firsts.size()));
                return List.of();
            }
            for (int then : thens) {
                for (int first : firsts) {
                    if (then != first) {
                        edges.add(new Edge(then, first, line));
                    }
                }
            }
        }
        return edges;
    }

    private static List<IdIndex.Reference> between(List<IdIndex.Reference> refs, int from, int to) {
        List<IdIndex.Reference> out = new ArrayList<>();
        for (IdIndex.Reference ref : refs) {
            if (ref.start() >= from && ref.end() <= to) {
                out.add(ref);
            }
        }
        return out;
    }

    private List<Integer> known(List<IdIndex.Reference> refs, int line, int task) {
        List<Integer> out = new ArrayList<>(refs.size());
        for (IdIndex.Reference ref : refs) {
            if (ref.known()) {
                out.addAll(ref.targets());
            } else {
                warnings.add(line + 1, (task >= 0 ? index.id(task) + " depends on unknown task " : "unknown task ")
                        + ref.written() + "; ignored");
            }
        }
        return out;
    }

    private static boolean separatorGap(String gap) {
        String rest = GAP_WORDS.matcher(gap.toLowerCase(Locale.ROOT)).replaceAll(" ");
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (!Character.isWhitespace(c) && ",/&+;()[]、，*_`".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A cheap test before the regular expression: does any of its key words occur at all? */
    private static boolean mentionsDependency(String s) {
        for (int i = 0; i + 4 <= s.length(); i++) {
            int word = INLINE_KEY_LETTERS.indexOf(s.charAt(i) | 0x20);
            if (word >= 0 && s.regionMatches(true, i, INLINE_KEY_WORDS.get(word), 0, INLINE_KEY_WORDS.get(word).length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    static String shorten(String s) {
        String t = s.strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
