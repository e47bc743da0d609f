package dev.orchestrate.run.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --agent CMD} of a run as an argv template (SPEC §6). CMD is a built-in profile name
 * ({@link AgentProfile}) or a command line, split like a shell would ({@link CommandWords}) but
 * never run through one. A word that is exactly {@code {prompt}}, {@code {prompt_file}},
 * {@code {task_id}} or {@code {workdir}} becomes exactly one argument; without a
 * {@code {prompt}}/{@code {prompt_file}} word the prompt goes on stdin.
 *
 * @param source   CMD as the user gave it
 * @param template the words, placeholders included
 * @param profile  the built-in profile CMD named, if it named one
 */
public record AgentCommand(String source, List<String> template, Optional<AgentProfile> profile) {

    public static final String PROMPT = "{prompt}";
    public static final String PROMPT_FILE = "{prompt_file}";
    public static final String TASK_ID = "{task_id}";
    public static final String WORKDIR = "{workdir}";

    private static final Set<String> PLACEHOLDERS = Set.of(PROMPT, PROMPT_FILE, TASK_ID, WORKDIR);

    /**
     * The longest single argument every supported OS passes to a child: Linux caps one argument at
     * 128 KiB including its terminating NUL (MAX_ARG_STRLEN).
     */
    public static final int MAX_ARGUMENT_BYTES = 128 * 1024 - 1;

    public AgentCommand {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(profile, "profile");
        template = List.copyOf(template);
        if (template.isEmpty()) {
            throw new IllegalArgumentException("--agent needs a command: " + profileNames() + " or a command line");
        }
    }

    /**
     * Reads {@code --agent CMD}.
     *
     * @throws IllegalArgumentException for an empty command, an unterminated quote, or a placeholder
     *                                  glued to other text ({@code --msg={prompt}}); the message is
     *                                  meant for a usage error
     */
    public static AgentCommand parse(String cmd) {
        Objects.requireNonNull(cmd, "cmd");
        String trimmed = cmd.strip();
        Optional<AgentProfile> named = AgentProfile.named(trimmed);
        if (named.isPresent()) {
            return of(named.get());
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("--agent needs a command: " + profileNames() + " or a command line");
        }
        List<String> words;
        try {
            words = CommandWords.split(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--agent: " + e.getMessage(), e);
        }
        if (words.isEmpty() || words.get(0).isBlank()) {
            throw new IllegalArgumentException("--agent needs a command: " + profileNames() + " or a command line");
        }
        for (String word : words) {
            if (!PLACEHOLDERS.contains(word)) {
                for (String placeholder : PLACEHOLDERS) {
                    if (word.contains(placeholder)) {
                        throw new IllegalArgumentException("--agent: " + placeholder + " must be a word of its own, not part of '"
                                + word + "' (write it as a separate argument)");
                    }
                }
            }
        }
        return new AgentCommand(cmd, words, Optional.empty());
    }

    public static AgentCommand of(AgentProfile profile) {
        return new AgentCommand(profile.profileName(), profile.template(), Optional.of(profile));
    }

    /**
     * This command with a relative program path ({@code ./my-agent.sh}, {@code tools/agent}) made
     * absolute against {@code cwd}, where the user typed it, when it exists there: a child resolves
     * a relative program against its own working directory, the project root, which may differ.
     * A bare name ({@code claude}) is left to the {@code PATH}.
     */
    public AgentCommand resolvedFrom(Path cwd) {
        String program = template.get(0);
        if (!program.contains("/")) {
            return this;
        }
        Path path = Path.of(program);
        if (path.isAbsolute() || !Files.exists(cwd.resolve(path))) {
            return this;
        }
        List<String> words = new ArrayList<>(template);
        words.set(0, cwd.resolve(path).toAbsolutePath().normalize().toString());
        return new AgentCommand(source, words, profile);
    }

    /** The profile name, or the program a command line runs. */
    public String name() {
        return profile.map(AgentProfile::profileName).orElse(template.get(0));
    }

    /** Whether the prompt is written to the child's stdin: no {@code {prompt}} or {@code {prompt_file}} word. */
    public boolean promptOnStdin() {
        return !template.contains(PROMPT) && !template.contains(PROMPT_FILE);
    }

    /** Whether the prompt must be saved to a file before the start ({@code {prompt_file}}). */
    public boolean needsPromptFile() {
        return template.contains(PROMPT_FILE);
    }

    /**
     * Whether the agent promises a JSON result on stdout, so that printing none is a failure
     * ({@code no_result}): the claude and gemini profiles, and a command line that runs
     * {@code claude} or {@code gemini} with {@code --output-format json|stream-json}. Other commands
     * promise nothing: their JSON result is read when they print one.
     */
    public boolean promisesJsonResult() {
        if (profile.isPresent()) {
            return profile.get().printsJsonResult();
        }
        return outputFormat().filter(format -> format.equals("json") || format.equals("stream-json")).isPresent();
    }

    /**
     * Whether the agent prints nothing until it is done: claude and gemini with
     * {@code --output-format json} write their one result at the end, so a long silence is their
     * normal and no inactivity limit can tell a hung one from a busy one ({@code stream-json}
     * prints as it goes).
     */
    public boolean silentUntilDone() {
        return outputFormat().filter(format -> format.equals("json")).isPresent();
    }

    /** The {@code --output-format} a claude or gemini command line asks for. */
    private Optional<String> outputFormat() {
        String program = Path.of(template.get(0)).getFileName().toString();
        if (!program.equals("claude") && !program.equals("gemini")) {
            return Optional.empty();
        }
        for (int i = 0; i < template.size(); i++) {
            String word = template.get(i);
            if ((word.equals("--output-format") || word.equals("-o") && program.equals("gemini")) && i + 1 < template.size()) {
                return Optional.of(template.get(i + 1));
            }
            if (word.startsWith("--output-format=")) {
                return Optional.of(word.substring("--output-format=".length()));
            }
        }
        return Optional.empty();
    }

    /**
     * The argv of one attempt: every placeholder word replaced by exactly one argument.
     *
     * @param promptFile where the prompt was saved; needed only with {@code {prompt_file}}
     * @param workdir    the directory the agent runs in; needed only with {@code {workdir}}
     * @throws IllegalArgumentException when one argument would be longer than the OS passes
     *                                  ({@link #MAX_ARGUMENT_BYTES}), typically a huge {@code {prompt}}
     */
    public List<String> argv(String taskId, String prompt, Path promptFile, Path workdir) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(prompt, "prompt");
        List<String> argv = new ArrayList<>(template.size());
        for (String word : template) {
            String arg;
            switch (word) {
                case PROMPT: arg = prompt; break;
                case PROMPT_FILE: arg = Objects.requireNonNull(promptFile, "promptFile is needed for {prompt_file}").toString(); break;
                case TASK_ID: arg = taskId; break;
                case WORKDIR: arg = Objects.requireNonNull(workdir, "workdir is needed for {workdir}").toString(); break;
                default: arg = word;
            }
            int bytes = arg.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_ARGUMENT_BYTES) {
                String what = word.equals(PROMPT) ? "the prompt of " + taskId : "an argument of " + taskId;
                throw new IllegalArgumentException(what + " is " + kib(bytes) + ", more than one command-line argument can carry ("
                        + kib(MAX_ARGUMENT_BYTES + 1) + "); pass it with {prompt_file} or on stdin instead of {prompt}");
            }
            argv.add(arg);
        }
        return List.copyOf(argv);
    }

    /** One line for logs and docs: what runs, and how the prompt reaches it. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(profile.map(p -> p.profileName() + " profile: ").orElse("command: "));
        text.append(String.join(" ", template.stream().map(AgentCommand::displayWord).toList()));
        if (promptOnStdin()) {
            text.append(" (prompt on stdin");
        } else if (template.contains(PROMPT)) {
            text.append(" (prompt as an argument");
        } else {
            text.append(" (prompt in a file");
        }
        text.append(promisesJsonResult() ? "; prints a JSON result" : "");
        text.append(silentUntilDone() ? " at the end: no inactivity limit)" : ")");
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** A word as a shell user would type it: quoted only when it must be. */
    static String displayWord(String word) {
        if (PLACEHOLDERS.contains(word)) {
            return word;
        }
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%^".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String kib(int bytes) {
        return (bytes + 1023) / 1024 + " KiB";
    }

    private static String profileNames() {
        StringBuilder names = new StringBuilder("a profile name (");
        AgentProfile[] all = AgentProfile.values();
        for (int i = 0; i < all.length; i++) {
            names.append(i == 0 ? "" : ", ").append(all[i].profileName());
        }
        return names.append(')').toString();
    }
}
