package dev.orchestrate.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An indented XML document written through the JDK's {@link XMLStreamWriter}, which does the
 * markup and its escaping. What StAX cannot say is added here: the text is cleaned first (terminal
 * escapes removed, characters XML 1.0 forbids as U+FFFD, see {@link Xml#clean}), and line breaks
 * and tabs in attribute values (and carriage returns anywhere) are written as character references,
 * so a parser reads them back as they were instead of normalising them to spaces.
 */
final class XmlWriter {

    private static final String INDENT = "  ";

    private final StringWriter text = new StringWriter();
    private final XMLStreamWriter xml;

    XmlWriter() {
        try {
            xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(new References(text));
            xml.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** {@code <name a="v"…>} on a line of its own at {@code depth}; attributes as name, value pairs. */
    void start(int depth, String name, String... attributes) {
        run(() -> {
            line(depth);
            xml.writeStartElement(name);
            attributes(attributes);
        });
    }

    /** {@code <name a="v"…/>}. */
    void empty(int depth, String name, String... attributes) {
        run(() -> {
            line(depth);
            xml.writeEmptyElement(name);
            attributes(attributes);
        });
    }

    /** {@code <name a="v"…>text</name>} on one line (the text may have line breaks of its own). */
    void text(int depth, String name, String content, String... attributes) {
        run(() -> {
            line(depth);
            xml.writeStartElement(name);
            attributes(attributes);
            xml.writeCharacters(Xml.clean(content, false));
            xml.writeEndElement();
        });
    }

    /** Closes the element last {@link #start started} at {@code depth}. */
    void end(int depth) {
        run(() -> {
            line(depth);
            xml.writeEndElement();
        });
    }

    /** The document, ending with a line break. */
    String finish() {
        run(() -> {
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.flush();
        });
        return text.toString();
    }

    private void attributes(String[] pairs) throws XMLStreamException {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            xml.writeAttribute(pairs[i], Xml.clean(pairs[i + 1], true));
        }
    }

    private void line(int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + INDENT.repeat(depth));
    }

    private interface Step {
        void run() throws XMLStreamException;
    }

    private static void run(Step step) {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** Turns {@link Xml}'s stand-ins for line breaks, tabs and carriage returns into character references. */
    private static final class References extends FilterWriter {
        References(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            String reference = Xml.reference(c);
            if (reference == null) {
                out.write(c);
            } else {
                out.write(reference);
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(chars[i]);
            }
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(s.charAt(i));
            }
        }
    }
}
