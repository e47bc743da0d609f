package dev.orchestrate;

import dev.orchestrate.event.OutputMode;
import dev.orchestrate.event.Terminal;
import java.util.Objects;

/**
 * How much the run shows of itself, beyond colour and {@code --json} (which the {@link Terminal} knows).
 *
 * @param verbosity {@code --quiet}, {@code --verbose}, or neither
 * @param mode      {@code --output}: how much of the tasks' own output the console shows
 */
public record OutputRequest(Terminal.Verbosity verbosity, OutputMode mode) {

    public OutputRequest {
        Objects.requireNonNull(verbosity, "verbosity");
        Objects.requireNonNull(mode, "mode");
    }
}
