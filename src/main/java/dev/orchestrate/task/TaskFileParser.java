package dev.orchestrate.task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a markdown task file (SPEC §5.1–§5.3) in whichever of the known formats it is written:
 * the seed's {@code /tasks} format, one heading per task, spec-kit (a checklist, with or without a
 * {@code ### T001:} details section), Kiro / cc-sdd / OpenSpec / Agent OS / HelloAGENTS numbered
 * checkboxes, Task Master's markdown export, task tables, or a plain numbered or checkbox list. The
 * format is recognised from the text; nothing is configured.
 *
 * <p>Anything wrong with the file as a whole is a {@link TaskFileException}; anything wrong with a
 * part of it (a duplicate id, a dependency on a task that does not exist) is a warning in
 * {@link TaskFile#warnings()} and the rest is read.
 */
public final class TaskFileParser {

    private static final Logger LOG = LoggerFactory.getLogger(TaskFileParser.class);

    /** Tried in this order; the first that recognises the file reads it. */
    private static final List<FormatReader> READERS = List.of(
            new TaskmasterReader(), new SeedReader(), new HeadingReader(), new SpecKitReader(), new KiroReader(),
            new TableReader(), new PlainListReader());

    private static final SpecKitReader CHECKLIST = new SpecKitReader();

    static final String FORMATS_HINT = "expected tasks as `### T001: title` headings (with **Depends**: fields), "
            + "spec-kit checkboxes `- [ ] T001 [P] text`, numbered checkboxes `- [ ] 1.1 text` (Kiro, OpenSpec), "
            + "or a plan's numbered / checkbox list `1. step` (see README)";

    private TaskFileParser() {
    }

    /** Reads the file as UTF-8 (a byte-order mark is dropped). */
    public static TaskFile parse(Path file) throws TaskFileException {
        if (Files.isDirectory(file)) {
            throw new TaskFileException(file, 0, "is a directory, not a task file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TaskFileException(file, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new TaskFileException(file, 0, "cannot read: permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new TaskFileException(file, 0, "cannot read: " + e.getMessage());
        }
        return parse(file, decode(file, bytes));
    }

    /** Reads {@code text} as the content of {@code file} (used for messages and {@link TaskFile#path()}). */
    public static TaskFile parse(Path file, String text) throws TaskFileException {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int nul = content.indexOf('\0');
        if (nul >= 0) {
            throw new TaskFileException(file, 0, "not a text file: NUL byte on line " + lineOf(content, nul));
        }
        Document doc = Document.of(content);
        for (FormatReader reader : READERS) {
            if (!reader.accepts(doc)) {
                continue;
            }
            List<RawTask> raws = reader.read(doc);
            if (raws.isEmpty()) {
                continue;
            }
            if (reader instanceof HeadingReader && CHECKLIST.accepts(doc)) {
                List<RawTask> checklist = CHECKLIST.read(doc);
                if (DetailSections.describeChecklist(checklist, raws)) {
                    raws = DetailSections.merge(doc, checklist, raws);
                    reader = CHECKLIST;
                }
            }
            LOG.debug("{}: read as {} ({} tasks)", file, reader.format(), raws.size());
            TaskFile read = new TaskAssembler(file, doc, reader, raws).assemble();
            return LookAlikes.warn(read, doc, raws);
        }
        throw new TaskFileException(file, 0, "no tasks found: " + FORMATS_HINT);
    }

    private static String decode(Path file, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new TaskFileException(file, 0, "not a text file: NUL byte on line " + lineOf(bytes, i));
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            throw new TaskFileException(file, 0, "not a UTF-8 text file: invalid bytes (save it as UTF-8)");
        } catch (CharacterCodingException e) {
            throw new TaskFileException(file, 0, "not a UTF-8 text file: " + e.getMessage());
        }
    }

    private static int lineOf(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
