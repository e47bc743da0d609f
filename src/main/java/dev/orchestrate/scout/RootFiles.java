package dev.orchestrate.scout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrate.session.Json;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small root files, read at most once each; a file that cannot be read is a warning and reads as empty. */
final class RootFiles {

    private static final long MAX_READ_BYTES = 1 << 20;

    private final Path root;
    private final Set<String> present;
    private final List<String> warnings;
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, JsonNode> jsons = new HashMap<>();

    /** {@code present}: the names of the files at the root; {@code warnings} collects what could not be read. */
    RootFiles(Path root, Set<String> present, List<String> warnings) {
        this.root = root;
        this.present = present;
        this.warnings = warnings;
    }

    boolean has(String name) {
        return present.contains(name);
    }

    /** The names of the files at the root. */
    Set<String> names() {
        return present;
    }

    String text(String name) {
        return texts.computeIfAbsent(name, this::read);
    }

    JsonNode json(String name) {
        return jsons.computeIfAbsent(name, n -> {
            String text = text(n);
            if (text.isEmpty()) {
                return Json.mapper().missingNode();
            }
            try {
                return Json.mapper().readTree(text);
            } catch (IOException e) {
                warnings.add(n + " is not valid JSON; its scripts and test framework were not read");
                return Json.mapper().missingNode();
            }
        });
    }

    private String read(String name) {
        if (!present.contains(name)) {
            return "";
        }
        Path file = root.resolve(name);
        try {
            if (Files.size(file) > MAX_READ_BYTES) {
                return "";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return "";
        } catch (IOException e) {
            warnings.add("cannot read " + name + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            return "";
        }
    }
}
