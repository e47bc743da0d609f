package dev.orchestrate.run.agent;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output after which an agent can no longer succeed although it keeps running: waiting for it
 * would burn the attempt's whole time limit (30 minutes for an agent task).
 * <ul>
 *   <li>codex, after its five bounded reconnects, loops on {@code ERROR: Reconnecting... waiting for network}
 *       (every minute or so, so the inactivity limit never fires) and never exits;</li>
 *   <li>aider without a key prints {@code No LLM model was specified and no API keys were provided.},
 *       and {@code --yes-always} accepts its offer of a browser login, which waits 5 minutes for a person.</li>
 * </ul>
 */
public final class HopelessOutput {

    /** What the output showed: how the attempt ended, once the watch has stopped it. */
    public record Hopeless(FailureClass failure, String reason) implements AgentExit {
        public Hopeless {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static final Pattern CODEX_OFFLINE = Pattern.compile("(?m)^.*Reconnecting(?:\\.\\.\\.|…) waiting for network.*$");
    private static final Pattern AIDER_NO_KEY = Pattern.compile("(?m)^.*No LLM model was specified and no API keys were provided\\..*$");

    private HopelessOutput() {
    }

    /** The first hopeless sign in {@code text}, the output of one attempt of {@code command}, if there is one. */
    public static Optional<Hopeless> in(String text, AgentCommand command) {
        String plain = Ansi.strip(text);
        Matcher offline = CODEX_OFFLINE.matcher(plain);
        if (offline.find()) {
            return Optional.of(new Hopeless(FailureClass.ERROR, "stopped: " + AgentPreCheck.program(command)
                    + " cannot reach its API and would wait for the network forever: " + line(offline.group())));
        }
        Matcher noKey = AIDER_NO_KEY.matcher(plain);
        if (noKey.find()) {
            return Optional.of(new Hopeless(FailureClass.AUTH, "stopped: " + line(noKey.group())
                    + " (it would wait 5 minutes for a browser login)"));
        }
        return Optional.empty();
    }

    /** The longest text a sign can take: a reader that looks at new output only keeps this much of the old. */
    public static final int MAX_SIGN_CHARS = 400;

    private static String line(String text) {
        String line = text.strip();
        // codex --json wraps it in an event: keep the message, not the JSON
        int message = line.indexOf("\"message\":\"");
        if (line.startsWith("{") && message >= 0) {
            line = line.substring(message + "\"message\":\"".length());
            int end = line.indexOf('"');
            line = end >= 0 ? line.substring(0, end) : line;
        }
        return line.length() <= MAX_SIGN_CHARS ? line : line.substring(0, MAX_SIGN_CHARS);
    }
}
