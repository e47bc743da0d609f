package dev.orchestrate.export;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Block-style YAML for the pipelines we export: maps, lists, strings, numbers and booleans, written
 * the way a person would (plain scalars where they read the same, literal blocks for scripts, quotes
 * only where YAML would read a plain scalar as something else). Users paste and edit these files.
 */
final class Yaml {

    /** Starts and continues a scalar that YAML reads as the same plain string. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./$(~][^\\n\\t\"'#]*");
    /** Plain text YAML 1.1 or 1.2 would read as a boolean, a null or a number. */
    private static final Pattern NOT_A_STRING = Pattern.compile("(?ix)"
            + " (true|false|yes|no|y|n|on|off|null|~)"          // booleans and nulls of YAML 1.1
            + "|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?" // numbers, 2.1 and 1e3 among them
            + "|0x[0-9a-f_]+|0o?[0-7_]+|[-+]?\\.(inf|nan)"      // hex, octal, infinities
            + "|[0-9]+(:[0-5]?[0-9])+(\\.[0-9_]*)?");          // sexagesimal (1:30)
    private static final Set<String> NO_PLAIN_END = Set.of(":", " ");

    private final StringBuilder out = new StringBuilder();

    private Yaml() {
    }

    /** The document: {@code comment} lines first (each prefixed with {@code # }), then {@code root}. */
    static String document(List<String> comment, Map<String, ?> root) {
        Yaml yaml = new Yaml();
        for (String line : comment) {
            yaml.out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        yaml.map(root, 0);
        return yaml.out.toString();
    }

    private void map(Map<String, ?> map, int indent) {
        boolean first = true;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (!first) {
                pad(indent);
            }
            first = false;
            entry(entry.getKey(), entry.getValue(), indent);
        }
    }

    /** One {@code key: value}, the cursor already at the key's column. */
    private void entry(String key, Object value, int indent) {
        out.append(scalar(key)).append(':');
        value(value, indent, true);
    }

    /** A value after {@code key:} or {@code -}: inline when it is a scalar or empty, else on the lines below. */
    @SuppressWarnings("unchecked")
    private void value(Object value, int indent, boolean afterKey) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            if (afterKey) {
                out.append('\n');
                pad(indent + 2);
                map((Map<String, ?>) map, indent + 2);
            } else {
                out.append(' ');
                map((Map<String, ?>) map, indent + 2);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            if (afterKey) {
                out.append('\n');
                list(list, indent + 2);
            } else {
                out.append(' ');
                listInline(list, indent + 2);
            }
        } else if (value instanceof String text && text.contains("\n") && blockSafe(text)) {
            block(text, indent + 2);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private void list(List<?> list, int indent) {
        for (Object item : list) {
            pad(indent);
            out.append('-');
            value(item, indent, false);
        }
    }

    /** A list inside a list item: its first item on the item's own line. */
    private void listInline(List<?> list, int indent) {
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                pad(indent);
            }
            first = false;
            out.append('-');
            value(item, indent, false);
        }
    }

    /** Whether a literal block holds {@code text} exactly: printable lines without trailing blanks, at most one final newline. */
    private static boolean blockSafe(String text) {
        if (text.endsWith("\n\n") || text.startsWith("\n")) {
            return false;
        }
        for (String line : text.split("\n", -1)) {
            if (!line.equals(line.stripTrailing()) || !printable(line)) {
                return false;
            }
        }
        return true;
    }

    /** A literal block ({@code |}, {@code |-} without a final newline): scripts stay as they are written. */
    private void block(String text, int indent) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        out.append(text.endsWith("\n") ? " |" : " |-");
        if (body.startsWith(" ") || body.startsWith("\t")) {
            out.append(2); // the indentation indicator: the first line starts with spaces of its own
        }
        out.append('\n');
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                pad(indent);
                out.append(line.stripTrailing());
            }
            out.append('\n');
        }
    }

    private static String inline(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        return scalar(value.toString());
    }

    /** The string as a plain scalar when YAML reads it back the same, else double-quoted. */
    static String scalar(String text) {
        boolean plain = PLAIN.matcher(text).matches()
                && !NOT_A_STRING.matcher(text).matches()
                && !text.contains(": ") && !text.contains(" #")
                && NO_PLAIN_END.stream().noneMatch(text::endsWith)
                && printable(text);
        return plain ? text : quoted(text);
    }

    /** No control characters, no line or byte-order marks YAML would read as something else, no lone surrogates. */
    private static boolean printable(String text) {
        return text.codePoints().allMatch(c -> (c >= 0x20 || c == '\t') && c != 0x7f && c != 0x85 && c != 0x2028
                && c != 0x2029 && c != 0xfeff && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0x80 && c < 0xa0));
    }

    private static String quoted(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private void pad(int indent) {
        out.append(" ".repeat(indent));
    }
}
