package dev.orchestrate.event;

import dev.orchestrate.event.Terminal.Verbosity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures what a terminal prints on stdout and stderr. */
public final class Screen {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    public final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    public final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    public Terminal terminal(boolean color, boolean ascii, boolean json, boolean tty, Verbosity verbosity) {
        return new Terminal(outStream, errStream, color, ascii, json, tty, verbosity);
    }

    public Terminal plain() {
        return terminal(false, false, false, false, Verbosity.NORMAL);
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public byte[] outBytes() {
        return out.toByteArray();
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    public List<String> lines() {
        return out().lines().toList();
    }
}
