package dev.orchestrate.event;

import java.time.Duration;
import java.util.Locale;

/** Durations the way the human view writes them: {@code 1.4s}, {@code 12s}, {@code 00:42}, {@code 42 seconds}. */
public final class HumanTime {

    private HumanTime() {
    }

    /** Compact: {@code 0.3s}, {@code 1.4s}, {@code 12s}, {@code 2m 05s}, {@code 1h 02m}. */
    public static String compact(Duration duration) {
        long ms = Math.max(0, duration.toMillis());
        if (ms < 9_950) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** Short spans in milliseconds: {@code 0.42 ms}, {@code 12.3 ms}, {@code 1,204 ms}. */
    public static String millis(Duration duration) {
        double ms = Math.max(0, duration.toNanos()) / 1_000_000.0;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%,d ms", Math.round(ms));
    }

    /** A clock: {@code 00:42}, {@code 12:03}, {@code 1:02:03}. */
    public static String clock(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s < 3600) {
            return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** In words: {@code 0.4 seconds}, {@code 1 second}, {@code 42 seconds}, {@code 2 minutes 5 seconds}. */
    public static String words(Duration duration) {
        long ms = Math.max(0, duration.toMillis());
        if (ms < 9_950 && ms % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1f seconds", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return plural(s, "second");
        }
        if (s < 3600) {
            return plural(s / 60, "minute") + (s % 60 == 0 ? "" : " " + plural(s % 60, "second"));
        }
        long minutes = (s % 3600) / 60;
        return plural(s / 3600, "hour") + (minutes == 0 ? "" : " " + plural(minutes, "minute"));
    }

    /** {@code 1 task}, {@code 3 tasks}. */
    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
