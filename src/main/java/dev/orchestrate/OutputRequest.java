package dev.orchestrate;

import dev.orchestrate.event.OutputMode;
import java.util.Objects;

/**
 * How the run shows itself, beyond colour and verbosity.
 *
 * @param mode {@code --output}: how much of the tasks' own output the console shows
 */
public record OutputRequest(OutputMode mode) {

    /** What a run shows when nothing is asked: the failures' output. */
    public static final OutputRequest DEFAULT = new OutputRequest(OutputMode.FAILURES);

    public OutputRequest {
        Objects.requireNonNull(mode, "mode");
    }
}
