package dev.orchestrate.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one JSON dialect of the session folder: snake_case names, ISO-8601 UTC times with
 * milliseconds, durations in milliseconds, and files written whole (temp file + atomic rename).
 */
public final class Json {

    /** ISO-8601 UTC with milliseconds: {@code 2026-11-25T10:33:29.123Z}. */
    public static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper MAPPER = createMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** Writes {@code value} as pretty JSON to {@code file}; a reader sees the old file or the new one, never half. */
    public static void write(Path file, Object value) {
        try {
            writeAtomically(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} to {@code file} through a temp file in the same folder and an atomic rename. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        writeAtomically(file, bytes, temp -> { });
    }

    /** What is done to the temp file, written whole, before it takes the file's place. */
    @FunctionalInterface
    public interface BeforeRename {
        void prepare(Path temp) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code file} through a temp file in the same folder and an atomic
     * rename, after {@code before} had the temp file (to give it the file's mode and owner, say).
     */
    public static void writeAtomically(Path file, byte[] bytes, BeforeRename before) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(System.nanoTime())
                + Thread.currentThread().getId() + ".tmp");
        try {
            // a plain new file takes the user's umask, as the final file should (createTempFile would make it 0600)
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            before.prepare(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("orchestrate");
        module.addSerializer(Instant.class, serializer((value, gen) -> gen.writeString(time(value))));
        module.addSerializer(Duration.class, serializer((value, gen) -> gen.writeNumber(value.toMillis())));
        module.addSerializer(Path.class, serializer((value, gen) -> gen.writeString(value.toString())));
        module.addSerializer(OptionalInt.class, serializer((value, gen) -> {
            if (value.isPresent()) {
                gen.writeNumber(value.getAsInt());
            } else {
                gen.writeNull();
            }
        }));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Optional<?>> optional = (Class) Optional.class;
        module.addSerializer(optional, new JsonSerializer<Optional<?>>() {
            @Override
            public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isPresent()) {
                    provider.defaultSerializeValue(value.get(), gen);
                } else {
                    gen.writeNull();
                }
            }
        });
        return new ObjectMapper()
                .registerModule(module)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private interface Writer<T> {
        void write(T value, JsonGenerator gen) throws IOException;
    }

    private static <T> JsonSerializer<T> serializer(Writer<T> writer) {
        return new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                writer.write(value, gen);
            }
        };
    }
}
