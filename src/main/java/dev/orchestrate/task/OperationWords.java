package dev.orchestrate.task;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words that name a file operation outright: a {@code Type:} field's value ({@code Create},
 * {@code Modify}) or a word before a path in a {@code Files:} field, and a mark in brackets after
 * a path ({@code (new file)}, {@code (read-only)}).
 */
final class OperationWords {

    private static final Map<String, FileOperation> TYPE_WORDS = byWord(Map.of(
            FileOperation.CREATE, List.of("create", "created", "new", "add", "added", "creates"),
            FileOperation.MODIFY, List.of("modify", "modified", "modifies", "update", "updated", "edit", "edited", "change",
                    "changed", "fix", "refactor", "extend"),
            FileOperation.DELETE, List.of("delete", "deleted", "remove", "removed"),
            FileOperation.READ, List.of("read", "verify", "review", "check", "reference", "readonly")));

    private static final Map<String, FileOperation> MARKS = byWord(Map.of(
            FileOperation.CREATE, List.of("new", "new file", "create", "created", "creates", "to create", "add", "added"),
            FileOperation.MODIFY, List.of("modify", "modified", "update", "updated", "edit", "edited", "existing"),
            FileOperation.DELETE, List.of("delete", "deleted", "remove", "removed"),
            FileOperation.READ, List.of("read", "read-only", "readonly", "read only", "reference")));

    private OperationWords() {
    }

    /** The operation a word of a {@code Type:} or {@code Files:} field names, in any case, or null. */
    static FileOperation typeWord(String word) {
        return TYPE_WORDS.get(word.toLowerCase(Locale.ROOT));
    }

    /** The operation the text inside {@code (new file)}, {@code (create)}, {@code (modified)}, {@code (read-only)} names, or null. */
    static FileOperation mark(String inner) {
        return MARKS.get(inner.strip().toLowerCase(Locale.ROOT));
    }

    private static Map<String, FileOperation> byWord(Map<FileOperation, List<String>> words) {
        return words.entrySet().stream()
                .flatMap(operation -> operation.getValue().stream().map(word -> Map.entry(word, operation.getKey())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
