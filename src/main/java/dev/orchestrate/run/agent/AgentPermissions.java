package dev.orchestrate.run.agent;

import java.util.List;
import java.util.Objects;

/**
 * What a built-in profile lets the agent do on its own, in words for the README and {@code --verbose}.
 *
 * @param mode   the CLI's own name for the setting ({@code --permission-mode acceptEdits})
 * @param may    what the agent does without asking
 * @param mayNot what it cannot do unattended, because it would need an approval nobody is there to give
 */
public record AgentPermissions(String mode, List<String> may, List<String> mayNot) {

    public AgentPermissions {
        Objects.requireNonNull(mode, "mode");
        may = List.copyOf(may);
        mayNot = List.copyOf(mayNot);
    }

    /** A markdown paragraph: the mode, then what it may and may not do. */
    public String markdown() {
        StringBuilder text = new StringBuilder("`").append(mode).append("`\n");
        may.forEach(line -> text.append("- may: ").append(line).append('\n'));
        mayNot.forEach(line -> text.append("- may not: ").append(line).append('\n'));
        return text.toString();
    }
}
