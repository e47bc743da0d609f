package dev.orchestrate.task;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code Timeout:} and {@code Estimate:} values.
 *
 * <p>Timeouts: {@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 2 minutes}; a bare number is seconds.
 *
 * <p>Estimates are weights in <b>hours</b>: {@code 2h} = 2, {@code 30m} = 0.5, {@code 1d} = 8 (a working day),
 * {@code 1w} = 40; a bare number ({@code 3}, {@code 3 SP}, {@code 3 points}) is taken as it is; a range
 * ({@code 2-3h}) counts its midpoint.
 */
public final class Durations {

    /** One number and its unit: {@code 90s}, {@code 1.5 hours}, {@code 3 SP}; {@code 1h30m} is two. */
    private static final Pattern PART = Pattern.compile("""
            (?ix)(?<number>\\d{1,9}(?:\\.\\d{1,6})?)\\s*
            (?<unit> ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?   # time
                   | sp|pts?|points?|story\\s+points? )?                                                  # story points
            (?![\\p{L}])                                                                               # the unit is a whole word
            """);
    /** {@code 2-3h}, {@code ~1–2 days}: an estimate's range, counted at its midpoint. */
    private static final Pattern RANGE = Pattern.compile("""
            (?x)^~?\\s*(?<low>\\d{1,9}(?:\\.\\d{1,6})?)
            \\s*[-–~]\\s*(?<high>\\d{1,9}(?:\\.\\d{1,6})?)
            \\s*(?<unit>[\\p{L}\\ ]*)$                                                                 # h, days, story points
            """);
    /** The longest time limit (SPEC §1), on the command line and in a task's {@code Timeout:}. */
    public static final int MAX_TIMEOUT_DAYS = 30;
    private static final long MAX_SECONDS = MAX_TIMEOUT_DAYS * 24L * 3600;

    private Durations() {
    }

    /** A time limit of more than 0 and at most {@link #MAX_TIMEOUT_DAYS} days, or empty when the text is not one. */
    public static Optional<Duration> timeout(String value) {
        String t = clean(value);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        double seconds = 0;
        int consumed = 0;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            if (!t.substring(consumed, m.start()).isBlank() && !t.substring(consumed, m.start()).strip().equals("and")) {
                return Optional.empty();
            }
            double number = Double.parseDouble(m.group("number"));
            String unit = m.group("unit") == null ? "s" : m.group("unit").toLowerCase(Locale.ROOT);
            double factor = secondsPer(unit, 24);
            if (factor <= 0) {
                return Optional.empty();
            }
            seconds += number * factor;
            consumed = m.end();
        }
        if (consumed == 0 || !t.substring(consumed).isBlank() || !(seconds > 0) || seconds > MAX_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
    }

    /** A weight in hours, or empty when the text is not one (the caller warns and uses 1). */
    static OptionalDouble estimateHours(String value) {
        String t = clean(value);
        if (t.isEmpty()) {
            return OptionalDouble.empty();
        }
        Matcher range = RANGE.matcher(t);
        if (range.find()) {
            double lo = Double.parseDouble(range.group("low"));
            double hi = Double.parseDouble(range.group("high"));
            OptionalDouble unit = estimateHours("1" + range.group("unit"));
            if (unit.isEmpty()) {
                return OptionalDouble.empty();
            }
            return positive((lo + hi) / 2 * unit.getAsDouble());
        }
        double hours = 0;
        int consumed = 0;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            String gap = t.substring(consumed, m.start()).strip();
            if (!gap.isEmpty() && !gap.equals("and") && !gap.equals("~") && !gap.equals("about")) {
                return OptionalDouble.empty();
            }
            double number = Double.parseDouble(m.group("number"));
            String unit = m.group("unit") == null ? "" : m.group("unit").toLowerCase(Locale.ROOT);
            double factor = unit.isEmpty() || unit.startsWith("sp") || unit.startsWith("pt") || unit.startsWith("point")
                    || unit.startsWith("story") ? 1 : secondsPer(unit, 8) / 3600.0;
            if (factor <= 0) {
                return OptionalDouble.empty();
            }
            hours += number * factor;
            consumed = m.end();
        }
        if (consumed == 0 || !t.substring(consumed).isBlank()) {
            return OptionalDouble.empty();
        }
        return positive(hours);
    }

    private static OptionalDouble positive(double hours) {
        return hours > 0 && Double.isFinite(hours) ? OptionalDouble.of(hours) : OptionalDouble.empty();
    }

    /** @param hoursPerDay 24 for a time limit, 8 (a working day) for an estimate */
    private static double secondsPer(String unit, int hoursPerDay) {
        if (unit.equals("ms") || unit.startsWith("milli")) {
            return 0.001;
        }
        switch (unit.charAt(0)) {
            case 's': return unit.startsWith("sp") ? -1 : 1;
            case 'm': return 60;
            case 'h': return 3600;
            case 'd': return hoursPerDay * 3600.0;
            case 'w': return (hoursPerDay == 24 ? 7 * 24 : 40) * 3600.0;
            default: return -1;
        }
    }

    /** Drops backticks, emphasis and a trailing note in brackets: {@code `90s` (slow network)}. */
    private static String clean(String value) {
        String t = value.replace("`", "").replace("*", "").strip();
        int paren = t.indexOf('(');
        if (paren > 0) {
            t = t.substring(0, paren).strip();
        }
        if (t.startsWith("~")) {
            t = t.substring(1).strip();
        }
        return t.toLowerCase(Locale.ROOT);
    }
}
