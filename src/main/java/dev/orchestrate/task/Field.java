package dev.orchestrate.task;

import java.util.Locale;
import java.util.Map;

/**
 * A {@code Key: value} line of a task body, in any of the spellings task files use:
 * {@code **Files**: a.ts}, {@code **Files:** a.ts}, {@code - Depends: T001}, {@code _Depends: 1.2_},
 * {@code _Dependencies:_ 1.2}.
 *
 * @param name  which field it is
 * @param value the value, emphasis markers around it removed
 * @param line  the 0-based line index it was read from
 */
record Field(Name name, String value, int line) {

    enum Name { FILES, TYPE, DEPENDS, PRIORITY, RUN, TIMEOUT, ESTIMATE, STATUS }

    /** A {@code Key: value} line as written, known field or not: the key, and the value without emphasis. */
    record KeyValue(String key, String value) {
    }

    private static final Map<String, Name> NAMES = Map.ofEntries(
            Map.entry("files", Name.FILES),
            Map.entry("file", Name.FILES),
            Map.entry("file(s)", Name.FILES),
            Map.entry("paths", Name.FILES),
            Map.entry("files touched", Name.FILES),
            Map.entry("files to modify", Name.FILES),
            Map.entry("files to change", Name.FILES),
            Map.entry("type", Name.TYPE),
            Map.entry("operation", Name.TYPE),
            Map.entry("depends", Name.DEPENDS),
            Map.entry("depends on", Name.DEPENDS),
            Map.entry("depends-on", Name.DEPENDS),
            Map.entry("dependencies", Name.DEPENDS),
            Map.entry("dependency", Name.DEPENDS),
            Map.entry("requires", Name.DEPENDS),
            Map.entry("blocked by", Name.DEPENDS),
            Map.entry("priority", Name.PRIORITY),
            Map.entry("run", Name.RUN),
            Map.entry("command", Name.RUN),
            Map.entry("cmd", Name.RUN),
            Map.entry("timeout", Name.TIMEOUT),
            Map.entry("time limit", Name.TIMEOUT),
            Map.entry("estimate", Name.ESTIMATE),
            Map.entry("estimated", Name.ESTIMATE),
            Map.entry("estimated time", Name.ESTIMATE),
            Map.entry("estimated effort", Name.ESTIMATE),
            Map.entry("effort", Name.ESTIMATE),
            Map.entry("est", Name.ESTIMATE),
            Map.entry("status", Name.STATUS),
            Map.entry("prerequisites", Name.DEPENDS),
            Map.entry("depends upon", Name.DEPENDS),
            Map.entry("blocked-by", Name.DEPENDS),
            // Japanese
            Map.entry("依存関係", Name.DEPENDS),
            Map.entry("依存", Name.DEPENDS),
            Map.entry("依存タスク", Name.DEPENDS),
            Map.entry("前提タスク", Name.DEPENDS),
            Map.entry("対象ファイル", Name.FILES),
            Map.entry("ファイル", Name.FILES),
            Map.entry("変更ファイル", Name.FILES),
            Map.entry("優先度", Name.PRIORITY),
            Map.entry("優先順位", Name.PRIORITY),
            Map.entry("コマンド", Name.RUN),
            Map.entry("実行", Name.RUN),
            Map.entry("ステータス", Name.STATUS),
            Map.entry("状態", Name.STATUS),
            // Chinese (simplified and traditional)
            Map.entry("依赖", Name.DEPENDS),
            Map.entry("依赖关系", Name.DEPENDS),
            Map.entry("依赖任务", Name.DEPENDS),
            Map.entry("前置任务", Name.DEPENDS),
            Map.entry("依賴", Name.DEPENDS),
            Map.entry("依賴關係", Name.DEPENDS),
            Map.entry("文件", Name.FILES),
            Map.entry("涉及文件", Name.FILES),
            Map.entry("檔案", Name.FILES),
            Map.entry("优先级", Name.PRIORITY),
            Map.entry("優先級", Name.PRIORITY),
            Map.entry("命令", Name.RUN),
            Map.entry("状态", Name.STATUS),
            Map.entry("狀態", Name.STATUS),
            // Korean
            Map.entry("의존성", Name.DEPENDS),
            Map.entry("의존", Name.DEPENDS),
            Map.entry("의존 관계", Name.DEPENDS),
            Map.entry("선행 작업", Name.DEPENDS),
            Map.entry("선행", Name.DEPENDS),
            Map.entry("파일", Name.FILES),
            Map.entry("대상 파일", Name.FILES),
            Map.entry("우선순위", Name.PRIORITY),
            Map.entry("명령", Name.RUN),
            Map.entry("명령어", Name.RUN),
            Map.entry("상태", Name.STATUS),
            // Spanish
            Map.entry("depende de", Name.DEPENDS),
            Map.entry("depende", Name.DEPENDS),
            Map.entry("dependencias", Name.DEPENDS),
            Map.entry("dependencia", Name.DEPENDS),
            Map.entry("archivos", Name.FILES),
            Map.entry("archivo", Name.FILES),
            Map.entry("ficheros", Name.FILES),
            Map.entry("prioridad", Name.PRIORITY),
            Map.entry("comando", Name.RUN),
            Map.entry("estado", Name.STATUS));

    /** Word stems that make an unknown field name look like a dependency field. */
    private static final java.util.regex.Pattern DEPENDENCY_STEM = java.util.regex.Pattern.compile(
            "(?i)depend|prereq|prerrequisit|blocked|blocker|wait|after|needs|依存|依赖|依賴|前提|前置|의존|선행");

    /** Reads the line as a known field, or returns null. */
    static Field parse(String line, int index) {
        KeyValue split = split(line);
        if (split == null) {
            return null;
        }
        Name name = NAMES.get(split.key().toLowerCase(Locale.ROOT));
        return name == null ? null : new Field(name, split.value(), index);
    }

    /**
     * A {@code Key: value} line whose key is no known field but looks like a dependency field
     * ({@code **Prerequisite tasks**: T001}), or null.
     */
    static KeyValue lookalike(String line) {
        KeyValue split = split(line);
        if (split == null || NAMES.containsKey(split.key().toLowerCase(Locale.ROOT)) || !DEPENDENCY_STEM.matcher(split.key()).find()) {
            return null;
        }
        return split;
    }

    /** The key and value of a {@code Key: value} line (list marker and emphasis removed), or null. */
    private static KeyValue split(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i < n && (line.charAt(i) == '-' || line.charAt(i) == '+') && i + 1 < n && line.charAt(i + 1) == ' ') {
            i += 2;
        } else if (i < n && line.charAt(i) == '*' && i + 1 < n && line.charAt(i + 1) == ' ') {
            i += 2;
        }
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        int emphasis = 0;
        while (i < n && (line.charAt(i) == '*' || line.charAt(i) == '_') && emphasis < 3) {
            i++;
            emphasis++;
        }
        int keyStart = i;
        while (i < n && i - keyStart <= 24) {
            char c = line.charAt(i);
            if (Character.isLetter(c) || c == ' ' || c == '(' || c == ')' || c == '-') {
                i++;
            } else {
                break;
            }
        }
        if (i == keyStart) {
            return null;
        }
        String key = line.substring(keyStart, i).strip();
        while (i < n && (line.charAt(i) == '*' || line.charAt(i) == '_')) {
            i++;
        }
        if (i >= n || (line.charAt(i) != ':' && line.charAt(i) != '：')) {
            return null;
        }
        i++;
        while (i < n && (line.charAt(i) == '*' || line.charAt(i) == '_')) {
            i++;
        }
        String value = line.substring(i).strip();
        if (emphasis > 0) {
            int end = value.length();
            int stripped = 0;
            while (end > 0 && (value.charAt(end - 1) == '_' || value.charAt(end - 1) == '*') && stripped < emphasis) {
                end--;
                stripped++;
            }
            value = value.substring(0, end).strip();
        }
        return new KeyValue(key, value);
    }
}
