package dev.orchestrate.event;

/**
 * How many terminal columns text takes: wide (East Asian, emoji) characters two, combining marks and
 * format characters none, everything else one. The colour sequences the {@link Terminal} adds
 * ({@code ESC [ … m}, any CSI sequence) take none, and a cut keeps them whole.
 */
public final class TextWidth {

    /** Start and end (inclusive) of the ranges a terminal draws two columns wide (Unicode 15 EastAsianWidth W/F). */
    private static final int[][] WIDE = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
        {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
        {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
        {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
        {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
        {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
        {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3},
        {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
        {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
        {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
        {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
        {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
        {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
        {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF},
        {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A},
        {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };

    private TextWidth() {
    }

    /** The columns one code point takes: 0, 1 or 2. */
    public static int of(int codePoint) {
        if (codePoint == 0 || codePoint == 0x200B || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)) {
            return 0; // variation selectors and zero-width space
        }
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || type == Character.CONTROL) {
            return 0;
        }
        int low = 0;
        int high = WIDE.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (codePoint < WIDE[mid][0]) {
                high = mid - 1;
            } else if (codePoint > WIDE[mid][1]) {
                low = mid + 1;
            } else {
                return 2;
            }
        }
        return 1;
    }

    /** The columns {@code text} takes. */
    public static int of(String text) {
        int width = 0;
        for (Cursor cursor = new Cursor(text); cursor.hasNext(); ) {
            width += cursor.next();
        }
        return width;
    }

    /**
     * The width of {@code c} after a character {@code previous} columns wide: an emoji variation
     * selector (U+FE0F) after a one-column symbol ({@code ⚠️}) counts one more column, since many
     * terminals draw that pair two wide (others one: then the line is one column short, never too long).
     */
    private static int emojiWidening(int c, int previous) {
        return c == 0xFE0F && previous == 1 ? 1 : of(c);
    }

    /** Where a CSI escape sequence starting at {@code i} ends, or {@code i} when none starts there. */
    private static int escapeEnd(String text, int i) {
        if (text.charAt(i) != '\u001b' || i + 1 >= text.length() || text.charAt(i + 1) != '[') {
            return i;
        }
        int j = i + 2;
        while (j < text.length() && (text.charAt(j) < '@' || text.charAt(j) > '~')) {
            j++;
        }
        return Math.min(text.length(), j + 1);
    }

    /**
     * {@code text} cut to at most {@code columns} columns, ending in {@code ...} (or {@code …} when not
     * {@code ascii}) when it was cut.
     */
    public static String fit(String text, int columns, boolean ascii) {
        if (of(text) <= columns) {
            return text;
        }
        String ellipsis = ascii ? "..." : "…";
        int room = columns - of(ellipsis);
        String reset = text.indexOf('\u001b') >= 0 ? "\u001b[0m" : "";
        if (room < 0) {
            return take(text, columns) + reset;
        }
        return take(text, room) + ellipsis + reset;
    }

    /** The longest start of {@code text} that takes at most {@code columns} columns. */
    public static String take(String text, int columns) {
        int width = 0;
        Cursor cursor = new Cursor(text);
        while (cursor.hasNext() && width + cursor.width() <= columns) {
            width += cursor.next();
        }
        return text.substring(0, cursor.index);
    }

    /** {@code text} followed by spaces up to {@code columns} columns. */
    public static String pad(String text, int columns) {
        int width = of(text);
        return width >= columns ? text : text + " ".repeat(columns - width);
    }

    /** Steps through a text one drawn character at a time, passing over escape sequences (they take no column). */
    private static final class Cursor {
        private final String text;
        private int index;
        /** The width of the character stepped over last. */
        private int previous;

        Cursor(String text) {
            this.text = text;
        }

        /** Passes over escape sequences; whether a character is left. */
        boolean hasNext() {
            while (index < text.length()) {
                int end = escapeEnd(text, index);
                if (end == index) {
                    return true;
                }
                index = end;
            }
            return false;
        }

        /** The columns the character at the cursor takes. */
        int width() {
            return emojiWidening(text.codePointAt(index), previous);
        }

        /** Steps over the character at the cursor; returns its columns. */
        int next() {
            int w = width();
            previous = w;
            index += Character.charCount(text.codePointAt(index));
            return w;
        }
    }
}
