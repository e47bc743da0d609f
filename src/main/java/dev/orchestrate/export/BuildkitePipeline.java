package dev.orchestrate.export;

import dev.orchestrate.plan.PlannedTask;
import dev.orchestrate.task.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Buildkite steps of the plan, for {@code buildkite-agent pipeline upload}: a command step per task
 * ({@code key}, {@code depends_on} its dependencies, {@code timeout_in_minutes} from its time limit,
 * {@code retry.automatic.limit} from {@code --max-attempts}, {@code priority} from its level), one
 * group step per priority level that the next level waits for (levels run in order), and a report
 * step. Tasks that change one same file never overlap: where that file is the only contested one
 * of each of them they share a {@code concurrency_group} with {@code concurrency: 1} (either order,
 * never together, as the locks do); otherwise the later one in plan order waits for the earlier.
 */
final class BuildkitePipeline {

    /** Buildkite: {@code retry.automatic.limit} is at most 10. */
    static final int RETRY_LIMIT = 10;

    private static final String SESSIONS = CiPlan.DIR + "/sessions";
    private static final String MERGED = CiPlan.DIR + "/merged";

    private final CiPlan ci;
    private final Map<String, String> keys = new HashMap<>();

    BuildkitePipeline(CiPlan ci) {
        this.ci = ci;
        Set<String> used = new LinkedHashSet<>();
        for (CiStage stage : ci.stages()) {
            for (PlannedTask task : stage.tasks()) {
                String base = "task-" + task.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
                String key = base;
                for (int n = 2; !used.add(key); n++) {
                    key = base + "-" + n;
                }
                keys.put(task.id(), key);
            }
        }
    }

    String yaml() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("env", Map.of("ORCHESTRATE", ci.settings().orchestrate()));
        Map<String, String> concurrencyGroup = new HashMap<>();
        Map<String, List<String>> orderedAfter = new HashMap<>();
        fileRules(concurrencyGroup, orderedAfter);

        List<Object> steps = new ArrayList<>();
        Map<Priority, List<Object>> levels = new LinkedHashMap<>();
        for (CiStage stage : ci.stages()) {
            for (PlannedTask task : stage.tasks()) {
                levels.computeIfAbsent(task.priority(), p -> new ArrayList<>())
                        .add(step(task, concurrencyGroup.get(task.id()), orderedAfter.getOrDefault(task.id(), List.of())));
            }
        }
        String previous = null;
        for (Map.Entry<Priority, List<Object>> level : levels.entrySet()) {
            Map<String, Object> group = new LinkedHashMap<>();
            String key = "level-" + level.getKey().name().toLowerCase(Locale.ROOT);
            group.put("group", level.getKey().name() + " " + level.getKey().label());
            group.put("key", key);
            if (previous != null) {
                group.put("depends_on", List.of(previous));
                group.put("allow_dependency_failure", true);
            }
            group.put("steps", level.getValue());
            steps.add(group);
            previous = key;
        }
        steps.add(report(List.copyOf(levels.keySet())));
        root.put("steps", steps);
        return Yaml.document(Exports.header(ci, "buildkite"), root);
    }

    private Map<String, Object> step(PlannedTask task, String concurrencyGroup, List<String> after) {
        Map<String, Object> step = new LinkedHashMap<>();
        String key = keys.get(task.id());
        step.put("label", task.id() + ": " + task.task().title());
        step.put("key", key);
        List<String> dependsOn = new ArrayList<>();
        for (String dependency : task.allDependencies()) {
            String k = keys.get(dependency);
            // a dependency of another level is behind that level's group already; a done one has no step
            if (k != null && ci.plan().task(dependency).priority() == task.priority()) {
                dependsOn.add(k);
            }
        }
        after.stream().map(keys::get).filter(k -> !dependsOn.contains(k)).forEach(dependsOn::add);
        if (!dependsOn.isEmpty()) {
            step.put("depends_on", dependsOn);
            step.put("allow_dependency_failure", true);
        }
        String session = SESSIONS + "/" + key;
        StringBuilder command = new StringBuilder();
        boolean waits = !task.allDependencies().isEmpty() || !after.isEmpty() || task.priority() != firstLevel();
        String prior = null;
        if (waits) {
            prior = CiPlan.DIR + "/prior";
            command.append("buildkite-agent artifact download '").append(SESSIONS).append("/*' ").append(prior)
                    .append(" || true  # no earlier results is an answer too\n");
        }
        command.append(ci.script(Shell.quote(task.id()), prior == null ? null : prior + "/" + SESSIONS, session, 1));
        step.put("command", command.toString());
        step.put("artifact_paths", session + "/**/*");
        step.put("timeout_in_minutes", CiPlan.minutes(task.timeout().plus(CiPlan.JOB_OVERHEAD)));
        int retries = Math.min(ci.settings().maxAttempts() - 1, RETRY_LIMIT);
        if (retries > 0) {
            step.put("retry", Map.of("automatic", Map.of("limit", retries)));
        }
        step.put("priority", Priority.values().length - 1 - task.priority().ordinal());
        if (concurrencyGroup != null) {
            step.put("concurrency_group", concurrencyGroup);
            step.put("concurrency", 1);
        }
        return step;
    }

    private Priority firstLevel() {
        return ci.stages().isEmpty() ? Priority.P0 : ci.stages().get(0).group().priority();
    }

    /**
     * For every file more than one task changes: a shared concurrency group when it is the only such
     * file of each of its changers, else an order (the later task in plan order waits for the earlier).
     */
    private void fileRules(Map<String, String> concurrencyGroup, Map<String, List<String>> orderedAfter) {
        Map<String, Integer> contested = new HashMap<>();
        for (List<String> changers : ci.plan().conflictMap().values()) {
            changers.forEach(id -> contested.merge(id, 1, Integer::sum));
        }
        List<String> order = new ArrayList<>();
        ci.stages().forEach(s -> order.addAll(s.ids()));
        String pipelineSlug = ci.settings().taskFile().replaceAll("[^A-Za-z0-9._/-]", "_");
        for (Map.Entry<String, List<String>> file : ci.plan().conflictMap().entrySet()) {
            List<String> changers = file.getValue().stream().filter(keys::containsKey)
                    .sorted((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b))).toList();
            if (changers.size() < 2) {
                continue;
            }
            boolean onlyFile = changers.stream().allMatch(id -> contested.get(id) == 1);
            if (onlyFile) {
                changers.forEach(id -> concurrencyGroup.put(id, "orchestrate/" + pipelineSlug + "/" + file.getKey()));
            } else {
                for (int i = 1; i < changers.size(); i++) {
                    orderedAfter.computeIfAbsent(changers.get(i), k -> new ArrayList<>()).add(changers.get(i - 1));
                }
            }
        }
    }

    private Map<String, Object> report(List<Priority> levels) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("label", "Report");
        step.put("key", "report");
        if (!levels.isEmpty()) {
            step.put("depends_on", List.of("level-" + levels.get(levels.size() - 1).name().toLowerCase(Locale.ROOT)));
            step.put("allow_dependency_failure", true);
        }
        step.put("command", "buildkite-agent artifact download '" + SESSIONS + "/*' . || true\n"
                + CiPlan.mergeScript(SESSIONS, MERGED));
        step.put("artifact_paths", MERGED + "/**/*");
        return step;
    }
}
