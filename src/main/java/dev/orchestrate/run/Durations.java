package dev.orchestrate.run;

import java.time.Duration;

/** Durations as the user reads them in failure reasons: {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return trim(millis / 1000.0) + "s";
        }
        long seconds = millis / 1000;
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static String trim(double value) {
        String text = String.format(java.util.Locale.ROOT, "%.3f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
