package dev.orchestrate.event;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Where user-facing text goes: stdout for the product, stderr for diagnostics. Knows whether to use
 * colour, whether to replace emoji and box characters, and whether stdout is reserved for JSON lines.
 */
public final class Terminal implements Style {

    public enum Verbosity { QUIET, NORMAL, VERBOSE }

    /** {@code --color auto|always|never}. */
    public enum ColorMode { AUTO, ALWAYS, NEVER }

    private static final String RESET = "\u001b[0m";
    /** CSI and OSC escape sequences, then any other C0/C1 control character but tab. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001b\\[[0-?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(?:\u0007|\u001b\\\\)?|\u001b[@-Z\\\\-_]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private final boolean ascii;
    private final boolean json;
    private final boolean tty;
    private final Verbosity verbosity;
    private final TerminalSize size;
    /** Counts every line written to either stream, so a printer can tell whether its last block is still last. */
    private final AtomicLong written = new AtomicLong();

    /**
     * @param tty whether stdout is an interactive terminal that understands cursor moves (redraw in place)
     */
    public Terminal(PrintStream out, PrintStream err, boolean color, boolean ascii, boolean json, boolean tty, Verbosity verbosity) {
        this(out, err, color, ascii, json, tty, verbosity, TerminalSize.fixed(TerminalSize.DEFAULT_COLUMNS, 0));
    }

    /** @param size the columns lines must fit in, and the rows a block redrawn in place must fit in */
    public Terminal(PrintStream out, PrintStream err, boolean color, boolean ascii, boolean json, boolean tty, Verbosity verbosity,
                    TerminalSize size) {
        this.size = Objects.requireNonNull(size, "size");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.color = color;
        this.ascii = ascii;
        this.json = json;
        this.tty = tty;
        this.verbosity = Objects.requireNonNull(verbosity, "verbosity");
    }

    /** A plain terminal: no colour, UTF-8 symbols, human lines. */
    public static Terminal plain(PrintStream out, PrintStream err) {
        return new Terminal(out, err, false, false, false, false, Verbosity.NORMAL);
    }

    /**
     * The terminal of this process: {@code System.out}/{@code System.err}, the environment, and
     * {@code System.console() != null} as the TTY test (Java 17 has nothing closer).
     */
    public static Terminal detect(ColorMode mode, boolean ascii, boolean json, Verbosity verbosity) {
        boolean tty = System.console() != null;
        return detect(mode, ascii, json, verbosity, System.getenv(), tty,
                System.out, System.err, stdoutCharset(), TerminalSize.detect(System.getenv(), tty));
    }

    /**
     * Decides colour, ASCII and redraw from what it is given, so tests can pose any environment.
     * <ul>
     * <li>colour: {@code ALWAYS} forces it; {@code NEVER} and {@code NO_COLOR} (set to anything) forbid it;
     *     under {@code AUTO} only when stdout is a TTY and {@code TERM} is not {@code dumb};
     * <li>ASCII: {@code --ascii}, or a locale ({@code LC_ALL}, else {@code LC_CTYPE}, else {@code LANG})
     *     or stdout charset that is not UTF-8;
     * <li>redraw in place ({@link #tty()}): a TTY, {@code TERM} not {@code dumb}, not in CI ({@code CI} set),
     *     and not {@code --json}.
     * </ul>
     */
    public static Terminal detect(ColorMode mode, boolean ascii, boolean json, Verbosity verbosity,
                                  Map<String, String> env, boolean stdoutIsTty,
                                  PrintStream out, PrintStream err, Charset stdoutCharset) {
        return detect(mode, ascii, json, verbosity, env, stdoutIsTty, out, err, stdoutCharset,
                TerminalSize.detect(env, false));
    }

    /** As above, with the size lines must fit ({@link TerminalSize#detect}). */
    public static Terminal detect(ColorMode mode, boolean ascii, boolean json, Verbosity verbosity,
                                  Map<String, String> env, boolean stdoutIsTty,
                                  PrintStream out, PrintStream err, Charset stdoutCharset, TerminalSize size) {
        boolean dumb = "dumb".equalsIgnoreCase(env.getOrDefault("TERM", ""));
        boolean noColor = env.containsKey("NO_COLOR");
        boolean color;
        switch (mode) {
            case ALWAYS: color = true; break;
            case NEVER: color = false; break;
            default: color = stdoutIsTty && !dumb && !noColor;
        }
        boolean useAscii = ascii || !utf8Locale(env) || !isUtf8(stdoutCharset);
        boolean redraw = stdoutIsTty && !dumb && !inCi(env) && !json;
        return new Terminal(out, err, color && !json, useAscii, json, redraw, verbosity, size);
    }

    /** The charset the JVM encodes stdout with: {@code sun.stdout.encoding} on a console, else the native one. */
    static Charset stdoutCharset() {
        for (String property : List.of("sun.stdout.encoding", "stdout.encoding", "native.encoding")) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }

    /** The POSIX locale precedence; with none set the charset decides alone. */
    static boolean utf8Locale(Map<String, String> env) {
        for (String name : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                String lower = value.toLowerCase(Locale.ROOT);
                return lower.contains("utf-8") || lower.contains("utf8");
            }
        }
        return true;
    }

    private static boolean isUtf8(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8);
    }

    private static boolean inCi(Map<String, String> env) {
        String ci = env.get("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /** A line of the human view on stdout; nothing under {@code --json}. */
    public void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
            written.incrementAndGet();
        }
    }

    /** A line of the human view shown only with {@code --verbose}. */
    public void detail(String text) {
        if (verbosity == Verbosity.VERBOSE) {
            line(text);
        }
    }

    /** A raw line on stdout, used by the JSON-lines listener. */
    public void jsonLine(String text) {
        out.println(text);
        out.flush();
        written.incrementAndGet();
    }

    /** A diagnostic on stderr: errors and warnings. */
    public void error(String text) {
        err.println(text);
        err.flush();
        written.incrementAndGet();
    }

    /**
     * Replaces the last {@code previousLines} lines on screen with {@code lines} (cursor up, clear to
     * the end of the screen). Only on an interactive terminal; elsewhere the lines are simply appended.
     */
    public void rewrite(int previousLines, List<String> lines) {
        if (json) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (tty && previousLines > 0) {
            text.append("\u001b[").append(previousLines).append('F').append("\u001b[J");
        }
        text.append(String.join(System.lineSeparator(), lines));
        line(text.toString());
    }

    /** How many lines this terminal has written so far, on stdout and stderr together. */
    public long written() {
        return written.get();
    }

    /** How many columns a line may take (at least {@link TerminalSize#MIN_COLUMNS}). */
    public int columns() {
        return size.columns();
    }

    /** How many rows the screen has; 0 when unknown. */
    public int rows() {
        return size.rows();
    }

    /** A line cut to the width of the screen (colour kept whole), so that it never wraps. */
    public String fit(String text) {
        return TextWidth.fit(text, columns(), ascii);
    }

    public boolean color() {
        return color;
    }

    @Override
    public boolean ascii() {
        return ascii;
    }

    public boolean json() {
        return json;
    }

    /** Whether stdout is an interactive terminal where a block may be redrawn in place. */
    public boolean tty() {
        return tty;
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public PrintStream out() {
        return out;
    }

    /** {@code text} in the SGR look {@code code}, where there is colour; the colours and {@code bold}, {@code dim} come through here. */
    @Override
    public String paint(String code, String text) {
        return color && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }

    static Pattern escapes() {
        return ESCAPES;
    }
}
