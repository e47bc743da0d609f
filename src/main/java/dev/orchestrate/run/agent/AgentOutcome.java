package dev.orchestrate.run.agent;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an agent attempt ended (SPEC §6). It succeeded when the agent exited 0 and its JSON result,
 * where it printed one, is not an error; a profile that promises a JSON result and printed none
 * failed ({@code no_result}). A failure is classified from the exit, the result and the last lines
 * of the attempt's output.
 *
 * @param failure why it failed; empty on success
 * @param detail  one line about the ending: {@code exit 1: API Error: 429 …}, {@code timeout after 30m}
 * @param usage   cost, turns, tokens and session id, as far as the agent reported them
 * @param result  the JSON result the agent printed, if any
 */
public record AgentOutcome(Optional<FailureClass> failure, String detail, AgentUsage usage, Optional<AgentResult> result) {

    private static final Logger LOG = LoggerFactory.getLogger(AgentOutcome.class);

    /** At most this much of the end of an attempt's output is read: a result is the last thing an agent prints. */
    static final int MAX_READ_BYTES = 4 * 1024 * 1024;
    /** The "stderr tail" searched for rate-limit and login texts. */
    static final int TAIL_CHARS = 4_000;
    private static final int MAX_DETAIL = 240;

    /** Gemini CLI's documented exit code for "turn limit exceeded". */
    static final int GEMINI_TURN_LIMIT_EXIT = 53;

    private static final Pattern MAX_TURNS = Pattern.compile(
            "(?i)error_max_turns|max(imum)?[ _-]?turns|turn[ _-]?limit");
    private static final Pattern RATE_LIMIT = Pattern.compile("(?i)"
            + "\\brate[ _-]?limit"
            + "|\\btoo many requests\\b"
            + "|\\boverloaded"
            + "|\\busage limit"
            + "|\\bquota\\b.{0,40}\\b(exceeded|exhausted)"
            + "|\\bresource[ _]exhausted\\b"
            + "|\\b(error|status|code|http|api)\\W{0,20}(429|529)\\b"
            + "|\\b(429|529)\\W{0,5}(too many|rate|quota|resource|overloaded)");
    private static final Pattern AUTH = Pattern.compile("(?i)"
            + "\\binvalid[ _-]?(x-)?api[ _-]?key"
            + "|\\bapi[ _-]?key\\b.{0,20}\\b(not valid|invalid|missing|not set|not found|expired)"
            + "|\\bincorrect api key"
            + "|\\bnot logged in\\b"
            + "|please run /login"
            + "|\\blog ?in required\\b"
            + "|\\bauthentication[ _](error|failed|required)"
            + "|\\bfailed to authenticate"
            + "|\\bunauthori[sz]ed\\b"
            + "|\\bpermission_error\\b"
            + "|\\b(oauth )?token (has )?expired"
            + "|\\b(error|status|code|http|api)\\W{0,20}(401|403)\\b"
            + "|\\b(401|403)\\W{0,5}(unauthori|forbidden)");

    public AgentOutcome {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(result, "result");
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** The attempt's error for {@code Attempt.error}, {@code rate_limit: exit 1: API Error: 429 …}; empty on success. */
    public Optional<String> error() {
        return failure.map(f -> f.jsonName() + ": " + detail);
    }

    /**
     * Classifies an attempt from its log.
     *
     * @param log          the task's log, where the agent's stdout and stderr were appended
     * @param attemptStart the log's size when this attempt's process started: earlier attempts are not read
     */
    public static AgentOutcome classify(AgentExit exit, Path log, long attemptStart, AgentCommand command) {
        return classify(exit, readAttempt(log, attemptStart), command);
    }

    /** Classifies an attempt from its output (stdout and stderr as they were interleaved). */
    public static AgentOutcome classify(AgentExit exit, String output, AgentCommand command) {
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(command, "command");
        Optional<AgentResult> result = AgentResult.find(output);
        AgentUsage usage = result.map(AgentResult::usage).orElse(AgentUsage.NONE);

        if (exit instanceof AgentExit.TimedOut timedOut) {
            return failed(FailureClass.TIMEOUT, "timeout after " + human(timedOut.limit()), usage, result);
        }
        if (exit instanceof AgentExit.Inactive inactive) {
            return failed(FailureClass.TIMEOUT, "no output for " + human(inactive.idle()), usage, result);
        }
        int code = exit.exitCode().orElseThrow();
        boolean resultFailed = result.map(AgentResult::error).orElse(false);
        if (code == 0 && !resultFailed) {
            if (result.isEmpty() && command.promisesJsonResult()) {
                return failed(FailureClass.NO_RESULT, "exit 0 without the JSON result " + command.name() + " prints", usage, result);
            }
            return new AgentOutcome(Optional.empty(), "exit 0", usage, result);
        }

        String message = result.flatMap(AgentResult::message).filter(m -> resultFailed).orElse("");
        String subtype = result.flatMap(AgentResult::subtype).filter(m -> resultFailed).orElse("");
        String tail = tail(output);
        String evidence = subtype + "\n" + message + "\n" + tail;
        String why = oneLine(!message.isBlank() ? message : !subtype.isBlank() ? subtype : lastLine(tail));
        String detail = "exit " + code + (why.isEmpty() ? "" : ": " + why);

        boolean gemini = isGemini(command, result);
        if (subtype.equals("error_max_turns") || gemini && code == GEMINI_TURN_LIMIT_EXIT
                || MAX_TURNS.matcher(subtype + "\n" + message).find()) {
            return failed(FailureClass.MAX_TURNS, detail, usage, result);
        }
        if (RATE_LIMIT.matcher(evidence).find()) {
            return failed(FailureClass.RATE_LIMIT, detail, usage, result);
        }
        if (AUTH.matcher(evidence).find()) {
            return failed(FailureClass.AUTH, detail, usage, result);
        }
        return failed(FailureClass.ERROR, detail, usage, result);
    }

    /** The text of one attempt: the log from {@code attemptStart}, or its last {@link #MAX_READ_BYTES} bytes. */
    static String readAttempt(Path log, long attemptStart) {
        // java.io, not a FileChannel: a worker interrupted by a stop must still read what its agent said
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long size = file.length();
            long from = Math.max(Math.max(0, attemptStart), size - MAX_READ_BYTES);
            if (from >= size) {
                return "";
            }
            byte[] bytes = new byte[(int) (size - from)];
            file.seek(from);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (from > attemptStart) {
                int newline = text.indexOf('\n');
                text = newline < 0 ? text : text.substring(newline + 1);
            }
            return text;
        } catch (FileNotFoundException e) {
            return "";
        } catch (IOException e) {
            LOG.debug("cannot read {} to classify the attempt: {}", log, e.getMessage());
            return "";
        }
    }

    private static boolean isGemini(AgentCommand command, Optional<AgentResult> result) {
        if (command.profile().filter(p -> p == AgentProfile.GEMINI).isPresent()) {
            return true;
        }
        if (result.map(r -> r.kind() == AgentResult.Kind.GEMINI || r.kind() == AgentResult.Kind.GEMINI_STREAM).orElse(false)) {
            return true;
        }
        return Path.of(command.template().get(0)).getFileName().toString().equals("gemini");
    }

    private static AgentOutcome failed(FailureClass failure, String detail, AgentUsage usage, Optional<AgentResult> result) {
        return new AgentOutcome(Optional.of(failure), detail, usage, result);
    }

    private static String tail(String output) {
        return output.length() <= TAIL_CHARS ? output : output.substring(output.length() - TAIL_CHARS);
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return "";
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** {@code 45s}, {@code 30m}, {@code 1h30m}, {@code 1.5s}: how SPEC's lines write durations. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = duration.getSeconds();
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append('h');
        }
        if (m > 0) {
            text.append(m).append('m');
        }
        if (s > 0 || text.length() == 0) {
            text.append(s).append('s');
        }
        return text.toString();
    }
}
