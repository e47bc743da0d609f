package dev.orchestrate.event;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The columns and rows of the screen the human view goes to, asked again each time (a window may be
 * resized during a run). {@code COLUMNS} (and {@code LINES}) win; on a TTY JLine asks the terminal;
 * elsewhere (a CI log, a file) lines are kept to {@link #DEFAULT_COLUMNS} and the height is unknown.
 */
public interface TerminalSize {

    /** The width assumed when nothing says otherwise. */
    int DEFAULT_COLUMNS = 80;
    /** Narrower than this, nothing fits anyway: lines are cut at this width. */
    int MIN_COLUMNS = 20;

    /** How many columns a line may take. */
    int columns();

    /** How many rows the screen has; 0 when unknown (not a TTY). */
    int rows();

    /** A size that never changes. */
    static TerminalSize fixed(int columns, int rows) {
        int cols = Math.max(MIN_COLUMNS, columns);
        return new TerminalSize() {
            @Override
            public int columns() {
                return cols;
            }

            @Override
            public int rows() {
                return rows;
            }
        };
    }

    /**
     * The size from {@code COLUMNS}/{@code LINES} when set to a number; else, when stdout is a TTY,
     * the terminal's own (JLine, asked each time; 80 columns when it cannot tell); else 80 columns.
     */
    static TerminalSize detect(Map<String, String> env, boolean tty) {
        int columns = number(env.get("COLUMNS"));
        int rows = number(env.get("LINES"));
        if (columns > 0) {
            return fixed(columns, tty ? rows : 0);
        }
        if (!tty) {
            return fixed(DEFAULT_COLUMNS, 0);
        }
        return new JLineSize(rows);
    }

    private static int number(String value) {
        if (value == null || !value.strip().matches("\\d{1,5}")) {
            return 0;
        }
        return Integer.parseInt(value.strip());
    }

    /** The system terminal through JLine: made on first use, never put in raw mode, no signal handlers of its own. */
    final class JLineSize implements TerminalSize {
        private final int rowsGiven;
        private Supplier<org.jline.terminal.Size> size;

        JLineSize(int rowsGiven) {
            this.rowsGiven = rowsGiven;
        }

        @Override
        public synchronized int columns() {
            org.jline.terminal.Size s = current();
            return s == null || s.getColumns() <= 0 ? DEFAULT_COLUMNS : Math.max(MIN_COLUMNS, s.getColumns());
        }

        @Override
        public synchronized int rows() {
            if (rowsGiven > 0) {
                return rowsGiven;
            }
            org.jline.terminal.Size s = current();
            return s == null ? 0 : Math.max(0, s.getRows());
        }

        private org.jline.terminal.Size current() {
            if (size == null) {
                size = open();
            }
            try {
                return size.get();
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static Supplier<org.jline.terminal.Size> open() {
            // JLine reports through java.util.logging, which would print to stderr
            Logger.getLogger("org.jline").setLevel(Level.OFF);
            try {
                // nativeSignals(false): Ctrl-C stays with the JVM's shutdown hook (Interruption)
                org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder()
                        .system(true).jni(true).exec(true).ffm(false).jansi(false).dumb(false)
                        .nativeSignals(false).build();
                return terminal::getSize;
            } catch (Exception | LinkageError e) {
                return () -> null;
            }
        }
    }
}
