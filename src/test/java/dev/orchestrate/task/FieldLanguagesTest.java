package dev.orchestrate.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Depends, Files and Priority fields as task files in other languages spell them, and look-alikes that are not understood. */
class FieldLanguagesTest {

    private static Map<String, Task> parse(String text) {
        TaskFile file = TaskFileParser.parse(Path.of("tasks.md"), text);
        return file.tasks().stream().collect(Collectors.toMap(Task::id, Function.identity()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Japanese | 依存関係 | 対象ファイル | 優先度 | 高",
            "Japanese short | 依存 | ファイル | 優先順位 | 高",
            "Chinese | 依赖 | 文件 | 优先级 | 高",
            "Chinese traditional | 依賴 | 檔案 | 優先級 | 高",
            "Korean | 의존성 | 파일 | 우선순위 | 높음",
            "Korean prerequisite | 선행 작업 | 대상 파일 | 우선순위 | 높음",
            "Spanish | Depende de | Archivos | Prioridad | Alta",
            "Spanish plural | Dependencias | Archivo | Prioridad | alta",
    })
    void dependsFilesAndPriorityInAnotherLanguage(String language, String depends, String files, String priority, String high) {
        Map<String, Task> t = parse("""
                ### T001: 準備
                **%s**: `src/a.ts`

                ### T002: 実装
                **%s**: T001
                **%s**: `src/b.ts`
                **%s**: %s
                """.formatted(files, depends, files, priority, high));

        assertThat(t.get("T002").dependsOn()).containsExactly("T001");
        assertThat(t.get("T002").files()).extracting(FileRef::path).containsExactly("src/b.ts");
        assertThat(t.get("T001").files()).extracting(FileRef::path).containsExactly("src/a.ts");
        assertThat(t.get("T002").priority()).isEqualTo(Priority.P1);
    }

    @Test
    void japaneseFieldsWithoutEmphasisAndAFullWidthColon() {
        TaskFile file = TaskFileParser.parse(Path.of("tasks.md"), """
                - [ ] T001 設定を追加する
                - [ ] T002 画面を作る
                  - 依存関係：T001
                  - 対象ファイル：`lib/settings.dart`
                """);

        assertThat(file.tasks().get(1).dependsOn()).containsExactly("T001");
        assertThat(file.tasks().get(1).files()).extracting(FileRef::path).containsExactly("lib/settings.dart");
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void aFieldThatLooksLikeADependencyFieldButIsNotUnderstoodIsAWarning() {
        TaskFile file = TaskFileParser.parse(Path.of("tasks.md"), """
                ### T001: a
                Write it.

                ### T002: b
                **Prerequisite tasks**: T001
                """);

        assertThat(file.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(5);
            assertThat(w.message()).contains("Prerequisite tasks", "T001", "Depends");
        });
    }

    @Test
    void aPreconditionInProseIsNoWarning() {
        TaskFile file = TaskFileParser.parse(Path.of("tasks.md"), """
                ### T001: a
                **前置条件**: 数据库已配置

                ### T002: b
                **Blocking notes**: none so far
                """);

        assertThat(file.warnings()).isEmpty();
    }
}
