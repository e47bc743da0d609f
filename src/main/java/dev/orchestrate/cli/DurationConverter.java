package dev.orchestrate.cli;

import dev.orchestrate.task.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} and a bare number of seconds. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (use 30s, 5m, 1h)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1_000;
        };
        if (millis < 1) {
            throw new TypeConversionException("'" + value + "' is too short for a time limit");
        }
        if (millis > Durations.MAX_TIMEOUT_DAYS * 86_400_000.0) {
            throw new TypeConversionException("'" + value + "' is longer than a time limit may be (at most "
                    + Durations.MAX_TIMEOUT_DAYS + " days)");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
