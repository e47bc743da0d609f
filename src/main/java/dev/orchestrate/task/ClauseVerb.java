package dev.orchestrate.task;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verbs that say, in the clause before a path, what a task does to the file: the words of each
 * verb in English (every form a task list writes) and in Chinese and Japanese, where words are not
 * split by spaces and are found by search. {@link ClauseOperation} reads a clause with them.
 */
enum ClauseVerb {
    CREATE(List.of("create", "creates", "created", "creating", "new", "scaffold", "scaffolds", "scaffolded", "scaffolding",
            "introduce", "introduces", "introduced", "introducing"),
            List.of("新增", "新建", "创建", "作成", "新規")),
    /** "add X" creates X, "add to X" changes it. */
    ADD(List.of("add", "adds", "adding", "added"),
            List.of("添加", "追加")),
    MODIFY(List.of("update", "updates", "updated", "updating", "modify", "modifies", "modified", "modifying", "edit", "edits",
            "edited", "editing", "fix", "fixes", "fixed", "fixing", "refactor", "refactors", "refactored", "refactoring", "change",
            "changes", "changed", "changing", "extend", "extends", "extended", "extending", "patch", "patches", "patched",
            "patching", "rename", "renames", "renamed", "renaming", "amend", "amends", "amended", "amending", "adjust", "adjusts",
            "adjusted", "adjusting", "rewrite", "rewrites", "rewriting", "tweak", "tweaks", "tweaked", "tweaking"),
            List.of("更新", "修改", "修正", "変更", "重构")),
    /** "remove X" deletes X, "remove Y from X" changes it. */
    DELETE(List.of("delete", "deletes", "deleted", "deleting", "remove", "removes", "removed", "removing", "drop", "drops",
            "dropped", "dropping"),
            List.of("删除", "削除", "移除")),
    READ(List.of("read", "reads", "reading", "see", "per", "reference", "references", "referenced", "consult", "consults",
            "consulting", "use", "uses", "used", "using", "reuse", "reuses", "reused", "reusing", "following", "verify", "verifies",
            "verifying", "check", "checks", "checking", "confirm", "confirms", "confirming", "validate", "validates", "validating",
            "inspect", "inspects", "inspecting", "review", "reviews", "reviewing"),
            List.of("参照", "参考", "基于", "读取")),
    /** "from X": X is read, unless an earlier verb says what happens there. */
    FROM(List.of("from"), List.of());

    /** Two-word phrases that read a file: the first word, then the second it needs ({@code refer to}, {@code defined in}). */
    private static final Map<String, String> READ_PHRASES = Map.ofEntries(
            Map.entry("refer", "to"), Map.entry("refers", "to"), Map.entry("referring", "to"),
            Map.entry("according", "to"), Map.entry("based", "on"), Map.entry("defined", "in"),
            Map.entry("described", "in"), Map.entry("specified", "in"), Map.entry("documented", "in"));

    /** Words that take something out of a file: "move X from Y" changes Y. */
    private static final Set<String> MOVE_WORDS = Set.of("move", "moving", "extract", "extracting");

    private static final Map<String, ClauseVerb> BY_WORD = Arrays.stream(values())
            .flatMap(verb -> verb.words.stream().map(word -> Map.entry(word, verb)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final List<String> words;
    private final List<String> cjkWords;

    ClauseVerb(List<String> words, List<String> cjkWords) {
        this.words = words;
        this.cjkWords = cjkWords;
    }

    /** The verb a lower-case English word is, or null. */
    static ClauseVerb of(String word) {
        return BY_WORD.get(word);
    }

    /** Whether {@code word} after {@code previous} makes a phrase that reads a file ({@code according to}). */
    static boolean completesReadPhrase(String previous, String word) {
        return word.equals(READ_PHRASES.get(previous));
    }

    static boolean movesContent(String word) {
        return MOVE_WORDS.contains(word);
    }

    /** The verb's Chinese and Japanese words. */
    List<String> cjkWords() {
        return cjkWords;
    }
}
