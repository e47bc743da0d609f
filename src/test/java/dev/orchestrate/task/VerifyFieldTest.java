package dev.orchestrate.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task's check (issue 14), in each way a task file writes it. */
class VerifyFieldTest {

    private static Task only(String text) {
        return TaskFileParser.parse(Path.of("tasks.md"), text).tasks().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"**Verify**: `npm test`", "Verify: npm test", "**Verify:** `npm test`", "- Verify: `npm test`",
            "_Verify_: `npm test`"})
    void aVerifyFieldIsTheTasksCheck(String field) {
        Task task = only("""
                ### T001: Build the thing
                **Files**: `src/a.js`
                %s
                """.formatted(field));
        assertThat(task.verify()).contains("npm test");
        assertThat(task.isAgentTask()).isTrue();
    }

    @Test
    void aFencedBlockUnderAVerifyLabelIsTheCheckAndNotTheCommand() {
        Task task = only("""
                ### T001: Build
                ```bash
                make build
                ```
                **Verify**:
                ```bash
                make test
                test -f out/app
                ```
                """);
        assertThat(task.command()).contains("make build");
        assertThat(task.verify()).contains("make test\ntest -f out/app");
    }

    @Test
    void aVerifyHeadingLabelsTheBlockBelowIt() {
        Task task = only("""
                ### T001: Write the parser
                Parse the input.

                #### Verify

                ```sh
                pytest tests/test_parser.py
                ```
                """);
        assertThat(task.verify()).contains("pytest tests/test_parser.py");
        assertThat(task.command()).isEmpty();
    }

    @Test
    void theSeedsSuccessFieldIsACheckOnlyWhenItIsOneCommandInBackticks() {
        assertThat(only("""
                ### T001: Build
                **Success**: `go build ./...`
                """).verify()).contains("go build ./...");
        assertThat(only("""
                ### T001: Build
                **Success**: `go build ./...` succeeds with zero warnings
                """).verify()).isEmpty();
        assertThat(only("""
                ### T001: Build
                **Success**:
                - ✅ `go test ./pkg/` passes
                """).verify()).isEmpty();
    }

    @Test
    void proseWithBacktickedNamesIsADescriptionNotACheck() {
        assertThat(only("""
                - [ ] 1. Add the dashboard tabs
                  - Verification: `DashboardViewContractTests` contains tab header assertions.
                  - Verify: `FooTests` passes
                """).verify()).isEmpty();
    }

    @Test
    void aTaskWithoutACheckHasNone() {
        assertThat(only("- [ ] T001 Do it in src/a.py\n").verify()).isEqualTo(Optional.empty());
    }
}
