package dev.orchestrate.run.agent;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a rate-limited provider says it will serve again, read from the CLI's own words:
 * <ul>
 *   <li>Claude: {@code You've hit your session limit · resets 3pm}, {@code resets 8:30am (America/Los_Angeles)},
 *       and the older {@code Claude AI usage limit reached|1753077600} (epoch seconds);</li>
 *   <li>Codex: {@code … or try again at 8:40 PM.}, {@code try again at Sep 19th, 2026 7:10 AM.};</li>
 *   <li>Gemini: {@code Suggested retry after 23s.}, {@code Please retry in 23.5s};
 *       and a generic {@code retry after 30 seconds} / {@code try again in 5 minutes}.</li>
 * </ul>
 * A clock time without a date is its next occurrence, in the zone named beside it, else the
 * machine's zone (the CLI prints the user's local time).
 */
public final class RetryTime {

    private static final Pattern CLAUDE_RESETS = Pattern.compile("""
            (?xi) \\bresets \\s+ (?:at \\s+)?
            (?<hour>\\d{1,2}) (?: : (?<minute>\\d{2}) )? \\s* (?<half>am|pm)
            (?: \\s* \\( (?<zone>[A-Za-z_]+(?:/[A-Za-z_+-]+)*) \\) )?
            """);
    private static final Pattern CLAUDE_EPOCH = Pattern.compile("(?i)usage limit reached\\|(?<epoch>\\d{9,11})\\b");
    private static final Pattern TRY_AGAIN_AT = Pattern.compile("""
            (?xi) \\btry \\s+ again \\s+ at \\s+
            (?: (?<month>[A-Z][a-z]{2}) \\s+ (?<day>\\d{1,2}) (?:st|nd|rd|th)? , \\s* (?<year>\\d{4}) \\s+ )?
            (?<hour>\\d{1,2}) : (?<minute>\\d{2}) \\s* (?<half>am|pm)
            """);
    private static final Pattern RETRY_IN = Pattern.compile("""
            (?xi) \\b (?: suggested \\s+ retry \\s+ after | please \\s+ retry \\s+ in | retry \\s+ after | try \\s+ again \\s+ in )
            \\s+ (?<amount>\\d+(?:\\.\\d+)?) \\s* (?<unit>ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?) \\b
            """);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

    private RetryTime() {
    }

    /** The moment the provider said it will serve again, if the text says; {@code now} and {@code zone} place clock times. */
    public static Optional<Instant> in(String text, Instant now, ZoneId zone) {
        Matcher epoch = CLAUDE_EPOCH.matcher(text);
        if (epoch.find()) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(epoch.group("epoch"))));
        }
        Matcher resets = CLAUDE_RESETS.matcher(text);
        if (resets.find()) {
            ZoneId where = zone(resets.group("zone"), zone);
            return clock(resets.group("hour"), resets.group("minute"), resets.group("half"))
                    .map(time -> next(time, now, where));
        }
        Matcher at = TRY_AGAIN_AT.matcher(text);
        if (at.find()) {
            Optional<LocalTime> time = clock(at.group("hour"), at.group("minute"), at.group("half"));
            if (time.isEmpty()) {
                return Optional.empty();
            }
            if (at.group("year") == null) {
                return Optional.of(next(time.get(), now, zone));
            }
            try {
                int month = MONTH.parse(at.group("month")).get(java.time.temporal.ChronoField.MONTH_OF_YEAR);
                LocalDate date = LocalDate.of(Integer.parseInt(at.group("year")), month, Integer.parseInt(at.group("day")));
                return Optional.of(date.atTime(time.get()).atZone(zone).toInstant());
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        Matcher in = RETRY_IN.matcher(text);
        if (in.find()) {
            double amount = Double.parseDouble(in.group("amount"));
            String unit = in.group("unit").toLowerCase(Locale.ROOT);
            double millis = unit.startsWith("ms") || unit.startsWith("milli") ? amount
                    : unit.startsWith("h") ? amount * 3_600_000
                    : unit.startsWith("m") ? amount * 60_000
                    : amount * 1000;
            return Optional.of(now.plus(Duration.ofMillis((long) Math.ceil(millis))));
        }
        return Optional.empty();
    }

    private static Optional<LocalTime> clock(String hour, String minute, String half) {
        int h = Integer.parseInt(hour);
        int m = minute == null ? 0 : Integer.parseInt(minute);
        if (h < 1 || h > 12 || m > 59) {
            return Optional.empty();
        }
        boolean pm = half.equalsIgnoreCase("pm");
        return Optional.of(LocalTime.of(h % 12 + (pm ? 12 : 0), m));
    }

    private static Instant next(LocalTime time, Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.with(time).withSecond(0).withNano(0);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    private static ZoneId zone(String name, ZoneId fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
