package dev.orchestrate.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The status board and the progress line at the bottom of a TTY, redrawn in place: event lines are
 * printed above it, and the block is erased and drawn again under them. It has no more rows than
 * the screen leaves room for, and each line is cut to the width, so it never wraps and can always
 * be erased. Without a TTY the board is printed as lines instead ({@link #printInLog}).
 */
final class LiveBlock {

    /** The console board lists at most this many tasks; progress.txt lists them all. */
    static final int BOARD_ROWS = 25;
    /** Lines of the block that are not task rows: the board's frame and groups, the progress line. */
    private static final int BLOCK_FRAME = 12;
    /** Up to this many tasks the board is cheap enough to renew on every draw, so its rows never lag the progress line. */
    private static final int ALWAYS_RENEWED = 500;

    private final Terminal terminal;
    private final Clock clock;
    private final RunState state;
    /** The board's lines as last rendered; the progress line is rendered on each draw. */
    private List<String> board = List.of();
    /** The block on screen: its height, and {@link Terminal#written()} right after it. */
    private int height;
    private long mark = -1;
    private long lastDraw;
    private String lastProgress = "";

    LiveBlock(Terminal terminal, Clock clock, RunState state) {
        this.terminal = terminal;
        this.clock = clock;
        this.state = state;
    }

    /** Renews the board's rows: as many as the screen leaves room for. */
    void renderBoard() {
        int rows = terminal.rows();
        int maxRows = rows <= 0 ? BOARD_ROWS : Math.min(BOARD_ROWS, rows - BLOCK_FRAME - 2);
        // a screen too low for any row keeps only the progress line
        board = maxRows < 1 ? List.of() : StatusBoard.render(state, clock.instant(), terminal, maxRows, terminal.columns());
    }

    /** Whether the progress line would read differently now than when it was last drawn. */
    boolean progressChanged() {
        return !progress().equals(lastProgress);
    }

    /** Whether the block is on screen, with nothing printed under it since. */
    boolean shown() {
        return height > 0 && mark == terminal.written();
    }

    /** When the block was last drawn ({@link System#nanoTime()}). */
    long lastDraw() {
        return lastDraw;
    }

    /**
     * Prints {@code lines}, then the block under them, in place of the block on screen.
     *
     * @return whether the board's rows were renewed for it (small plans: on every draw)
     */
    boolean draw(List<String> lines) {
        boolean renewed = state.size() <= ALWAYS_RENEWED;
        if (renewed) {
            renderBoard();
        }
        List<String> block = new ArrayList<>(board);
        lastProgress = progress();
        block.add(lastProgress);
        List<String> all = new ArrayList<>(lines);
        all.addAll(block);
        terminal.rewrite(shown() ? height : 0, all);
        height = block.size();
        mark = terminal.written();
        lastDraw = System.nanoTime();
        return renewed;
    }

    /** Prints {@code lines} in place of the block, which is gone from the screen until the next {@link #draw}. */
    void replace(List<String> lines) {
        if (shown()) {
            terminal.rewrite(height, lines);
        } else {
            lines.forEach(terminal::line);
        }
        height = 0;
    }

    /** Without a TTY: the whole board and the progress line, as lines of the log. */
    void printInLog() {
        StatusBoard.render(state, clock.instant(), terminal, BOARD_ROWS, terminal.columns()).forEach(terminal::line);
        terminal.line(progress());
    }

    /** The board as it stands, for the end of the run. */
    List<String> finalBoard() {
        return StatusBoard.render(state, clock.instant(), terminal, BOARD_ROWS, terminal.columns());
    }

    private String progress() {
        return ProgressLine.render(state, clock.instant(), terminal, terminal.columns());
    }
}
