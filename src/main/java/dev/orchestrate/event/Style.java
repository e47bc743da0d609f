package dev.orchestrate.event;

/**
 * How text is dressed: colours (no-ops without colour), symbols or their ASCII stand-ins, and
 * foreign text made safe. {@link Terminal} is the console's style; files use {@link #plain(boolean)}.
 */
public interface Style {

    boolean ascii();

    /** The emoji or box character, or its ASCII stand-in. */
    default String symbol(String unicode, String asciiStandIn) {
        return ascii() ? asciiStandIn : unicode;
    }

    /** {@code text} in the look of an SGR code ({@code 32} green, {@code 1} bold): as it is, where there is no colour. */
    default String paint(String code, String text) {
        return text;
    }

    default String green(String text) {
        return paint("32", text);
    }

    default String red(String text) {
        return paint("31", text);
    }

    default String yellow(String text) {
        return paint("33", text);
    }

    default String bold(String text) {
        return paint("1", text);
    }

    default String dim(String text) {
        return paint("2", text);
    }

    /** Foreign text (titles, log lines, errors) without escape sequences or control characters. */
    default String clean(String text) {
        return clean(text, ascii());
    }

    /** No colour; Unicode symbols unless {@code ascii}. */
    static Style plain(boolean ascii) {
        return () -> ascii;
    }

    /**
     * Removes ANSI/OSC escape sequences and control characters (a tab becomes a space); with
     * {@code ascii}, every character outside printable ASCII becomes {@code ?}.
     */
    static String clean(String text, boolean ascii) {
        String stripped = Terminal.escapes().matcher(text.replace('\t', ' ')).replaceAll("");
        if (!ascii) {
            return stripped;
        }
        StringBuilder out = new StringBuilder(stripped.length());
        stripped.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
