package dev.orchestrate.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of SPEC §1, the one place they are spelled; the main help's exit-code list is made from them. */
public enum ExitCode {
    OK(0, "every task completed (or was already done)"),
    TASK_FAILED(1, "at least one task failed or was skipped"),
    USAGE(2, "usage error or invalid task file"),
    CRITICAL(3, "critical failure (no worker, every P0 task given up, session folder unusable)"),
    INTERRUPTED(130, "interrupted (Ctrl-C, SIGTERM)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** The line the main help gives this code. */
    public String meaning() {
        return meaning;
    }

    /** The exit-code list of the main help: code to meaning, in order. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        Arrays.stream(values()).forEach(c -> list.put(String.valueOf(c.code), c.meaning));
        return list;
    }
}
