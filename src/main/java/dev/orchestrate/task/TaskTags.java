package dev.orchestrate.task;

/**
 * The bracketed marks that follow a task's id: {@code [P]} / {@code (P)} parallel, {@code [P0]} /
 * {@code (P1)} priority (OctoAgent's spec-kit variant), and labels such as {@code [US1]} that stay
 * in the title.
 */
final class TaskTags {

    private TaskTags() {
    }

    /** Reads the marks at the start of {@code text} into {@code task} and sets its title to the rest. */
    static void read(String text, RawTask task) {
        StringBuilder labels = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char open = text.charAt(i);
            if (open != '[' && open != '(') {
                break;
            }
            char closeChar = open == '[' ? ']' : ')';
            int close = text.indexOf(closeChar, i + 1);
            if (close < 0 || close - i > 24) {
                break;
            }
            String inner = text.substring(i + 1, close).strip();
            if (inner.equalsIgnoreCase("P") || inner.equalsIgnoreCase("parallel")) {
                task.parallel = true;
            } else if (isPriority(inner)) {
                Priority p = Priority.ofWord(inner).orElse(null);
                if (p != null && task.priority == null) {
                    task.priority = p;
                }
            } else if (open == '[' && isLabel(inner)) {
                labels.append(text, i, close + 1).append(' ');
            } else {
                break;
            }
            i = close + 1;
        }
        String rest = text.substring(i).strip();
        task.title = (labels + rest).strip();
    }

    private static boolean isPriority(String inner) {
        if (inner.length() >= 2 && (inner.charAt(0) == 'P' || inner.charAt(0) == 'p')) {
            for (int k = 1; k < inner.length(); k++) {
                if (!Character.isDigit(inner.charAt(k)) || k > 3) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code US1}, {@code Story}, {@code FE}, {@code US-2}: short, no spaces. */
    private static boolean isLabel(String inner) {
        if (inner.isEmpty() || inner.length() > 16) {
            return false;
        }
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
