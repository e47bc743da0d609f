package dev.orchestrate.select;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SectionsTest {

    @Test
    void aLineStandsUnderTheHeadingsAboveItButNotUnderHeadingsInCodeFences() {
        Sections sections = new Sections("""
                # Tasks
                ## Phase 1: Setup
                - [ ] T001 a
                ```
                ## not a heading
                ```
                - [ ] T002 b
                ## Phase 2: Foundational
                ### T003: heading task
                """);
        assertThat(sections.above(3)).containsExactly("Tasks", "Phase 1: Setup");
        assertThat(sections.above(7)).containsExactly("Tasks", "Phase 1: Setup");
        assertThat(sections.above(9)).containsExactly("Tasks", "Phase 2: Foundational");
    }

    @Test
    void aNameIsTheHeadingItsStartOrWhatFollowsItsColon() {
        assertThat(Sections.names("Phase 2: Foundational (Blocking Prerequisites)", "phase 2")).isTrue();
        assertThat(Sections.names("Phase 2: Foundational (Blocking Prerequisites)", "Foundational")).isTrue();
        assertThat(Sections.names("Phase 3: User Story 1 - Login (Priority: P1)", "User Story 1")).isTrue();
        assertThat(Sections.names("P1 High", "P1")).isTrue();
        assertThat(Sections.names("Phase 12: Polish", "Phase 1")).isFalse();
        assertThat(Sections.names("Phase 2: Foundational", "Found")).isFalse();
    }
}
