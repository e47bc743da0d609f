package dev.orchestrate.event;

/** The symbols of the human view and their {@code --ascii} stand-ins. */
public enum Glyph {
    STARTED("⚡", "*"),
    COMPLETED("✓", "+"),
    FAILED("✗", "x"),
    SKIPPED("⏭", "-"),
    PENDING("⏳", "."),
    WARNING("⚠️", "!"),
    RULE("═", "="),
    DASH("—", "-");

    private final String unicode;
    private final String ascii;

    Glyph(String unicode, String ascii) {
        this.unicode = unicode;
        this.ascii = ascii;
    }

    public String in(Style style) {
        return style.symbol(unicode, ascii);
    }

    /**
     * The symbol as the first column of a line: padded to two columns by its display width (emoji
     * take two, the others one), so that the ids after it line up; under {@code --ascii} one column.
     */
    public String cell(Style style) {
        return style.ascii() ? ascii : TextWidth.pad(unicode, 2);
    }

    /** The character repeated: a rule line of {@code width} columns. */
    public String times(Style style, int width) {
        return in(style).repeat(width);
    }
}
