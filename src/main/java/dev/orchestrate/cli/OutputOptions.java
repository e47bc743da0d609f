package dev.orchestrate.cli;

import dev.orchestrate.OutputRequest;
import dev.orchestrate.event.OutputMode;
import picocli.CommandLine.Option;

/** {@code --output}: how much of the tasks' own output the console shows. */
public final class OutputOptions {

    @Option(names = "--output", paramLabel = "failures|full|none", defaultValue = "failures",
            converter = OutputModeConverter.class,
            description = "Task output on the console: failures (the last lines of each failure), full (each task's output "
                    + "after it ends, grouped) or none (default: ${DEFAULT-VALUE}).")
    OutputMode output = OutputMode.FAILURES;

    OutputRequest request() {
        return new OutputRequest(output);
    }

    /** {@code failures}, {@code full}, {@code none}, in any case. */
    static final class OutputModeConverter implements picocli.CommandLine.ITypeConverter<OutputMode> {
        @Override
        public OutputMode convert(String value) {
            for (OutputMode mode : OutputMode.values()) {
                if (mode.name().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "--output must be failures, full or none, got '" + value + "'");
        }
    }
}
