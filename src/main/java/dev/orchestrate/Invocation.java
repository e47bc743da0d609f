package dev.orchestrate;

import dev.orchestrate.event.Terminal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The process a run lives in: the terminal it speaks to, its clock, the working directory the
 * user's paths start from, and the environment variables ({@code PATH}, {@code GITHUB_ACTIONS}, …).
 * Tests give their own; the command line gives {@link #of(Terminal)}.
 */
public record Invocation(Terminal terminal, Clock clock, Path workingDir, Map<String, String> environment) {

    public Invocation {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(clock, "clock");
        workingDir = workingDir.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
    }

    /** This process: the system clock, the current directory, its environment. */
    public static Invocation of(Terminal terminal) {
        return new Invocation(terminal, Clock.systemUTC(), Path.of(""), System.getenv());
    }
}
