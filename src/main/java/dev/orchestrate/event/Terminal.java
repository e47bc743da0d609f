package dev.orchestrate.event;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where user-facing text goes: stdout for the product, stderr for diagnostics. Knows whether to use
 * colour, whether to replace emoji and box characters, and whether stdout is reserved for JSON lines.
 */
public final class Terminal {

    public enum Verbosity { QUIET, NORMAL, VERBOSE }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private final boolean ascii;
    private final boolean json;
    private final boolean tty;
    private final Verbosity verbosity;

    public Terminal(PrintStream out, PrintStream err, boolean color, boolean ascii, boolean json, boolean tty, Verbosity verbosity) {
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

    /** A line of the human view on stdout; nothing under {@code --json}. */
    public void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
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
    }

    /** A diagnostic on stderr: errors and warnings. */
    public void error(String text) {
        err.println(text);
        err.flush();
    }

    public boolean color() {
        return color;
    }

    public boolean ascii() {
        return ascii;
    }

    public boolean json() {
        return json;
    }

    public boolean tty() {
        return tty;
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public PrintStream out() {
        return out;
    }

    /** The symbol to print: the emoji or box character, or its ASCII stand-in under {@code --ascii}. */
    public String symbol(String unicode, String asciiStandIn) {
        return ascii ? asciiStandIn : unicode;
    }
}
