package dev.orchestrate.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GitLab child pipeline of the plan, for a parent job's {@code trigger: include: artifact:}: one
 * stage and one job per plan group, {@code parallel:matrix} over the group's task ids, {@code needs:}
 * the group before, and a last {@code report} job that merges every session folder. Each job keeps
 * the session folders it was given next to its own, so a job's artifacts carry every earlier
 * result forward and {@code needs:} on the group before is enough.
 */
final class GitlabPipeline {

    /** GitLab: "parallel:matrix ... cannot generate more than 200 jobs". */
    static final int MATRIX_LIMIT = 200;

    private static final String SESSIONS = CiPlan.DIR + "/sessions";
    private static final String MERGED = CiPlan.DIR + "/merged";

    private final CiPlan ci;

    GitlabPipeline(CiPlan ci) {
        this.ci = ci;
    }

    String yaml() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<String> stages = new ArrayList<>();
        for (CiStage stage : ci.stages()) {
            if (stage.part() == 1) {
                stages.add(stageName(stage));
            }
        }
        stages.add("report");
        root.put("stages", stages);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("ORCHESTRATE", ci.settings().orchestrate());
        root.put("variables", variables);
        root.put("default", Map.of("image", "eclipse-temurin:17-jdk"));
        for (CiStage stage : ci.stages()) {
            root.put(stage.key(), job(stage));
        }
        root.put("report", report());
        return Yaml.document(Exports.header(ci, "gitlab"), root);
    }

    private static String stageName(CiStage stage) {
        return stage.groupKey();
    }

    private Map<String, Object> job(CiStage stage) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("stage", stageName(stage));
        List<CiStage> previous = ci.previous(stage);
        job.put("needs", previous.stream().map(s -> (Object) Map.of("job", s.key(), "artifacts", true)).toList());
        if (!previous.isEmpty()) {
            job.put("when", "always");
        }
        job.put("timeout", ci.timeoutMinutes(stage, ci.settings().maxAttempts()) + " minutes");
        job.put("parallel", Map.of("matrix", List.of(Map.of("TASK", stage.ids()))));
        String session = SESSIONS + "/$CI_JOB_ID";
        job.put("script", List.of(ci.script("\"$TASK\"", previous.isEmpty() ? null : SESSIONS, session,
                ci.settings().maxAttempts())));
        Map<String, Object> artifacts = new LinkedHashMap<>();
        artifacts.put("when", "always");
        artifacts.put("paths", List.of(SESSIONS + "/"));
        job.put("artifacts", artifacts);
        return job;
    }

    private Map<String, Object> report() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("stage", "report");
        job.put("needs", ci.last().stream().map(s -> (Object) Map.of("job", s.key(), "artifacts", true)).toList());
        job.put("when", "always");
        job.put("script", List.of(CiPlan.mergeScript(SESSIONS, MERGED)));
        Map<String, Object> artifacts = new LinkedHashMap<>();
        artifacts.put("when", "always");
        artifacts.put("paths", List.of(MERGED + "/"));
        artifacts.put("reports", Map.of("junit", MERGED + "/junit.xml"));
        job.put("artifacts", artifacts);
        return job;
    }
}
