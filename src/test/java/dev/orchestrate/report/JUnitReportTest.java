package dev.orchestrate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orchestrate.event.RunFixture;
import dev.orchestrate.plan.ExecutionPlan;
import dev.orchestrate.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class JUnitReportTest {

    @TempDir
    Path dir;
    Path logs;

    @BeforeEach
    void logs() throws IOException {
        logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("T007.log"), "=== T007 attempt 3 on worker-2 ===\n"
                + "\u001b[31mERROR\u001b[0m connection <refused> & retried \"3\" times\n"
                + "bell\u0007 nul\u0000 form-feed\f ]]> end\n");
    }

    private Document parse(Path file) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private Document written(ExecutionPlan plan, RunResult result) throws Exception {
        Path file = Files.createDirectories(dir.resolve("reports")).resolve("junit.xml");
        new JUnitReport(plan, result, id -> logs.resolve(id + ".log")).write(file);
        return parse(file);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element && ((Element) nodes.item(i)).getTagName().equals(name)) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    @Test
    void oneSuiteWithTheCountsCiReportersRead() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        List<Element> suites = children(root, "testsuite");
        assertThat(suites).hasSize(1);
        Element suite = suites.get(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("2");
        assertThat(suite.getAttribute("time")).isEqualTo("20.000");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T10:00:00");
        assertThat(root.getAttribute("tests")).isEqualTo("7");
        assertThat(root.hasAttribute("skipped")).as("junit-10.xsd has no skipped= on <testsuites>").isFalse();
    }

    @Test
    void theReportIsValidAgainstJenkinsJunit10Schema() throws Exception {
        Files.writeString(logs.resolve("T003.log"), "=== T003 attempt 1/3 on worker-3 ===\nbroke\n"
                + "=== T003 attempt 2/3 on worker-1 ===\nfine\n");
        Path file = dir.resolve("junit.xml");
        new JUnitReport(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult(), id -> logs.resolve(id + ".log"))
                .write(file);

        javax.xml.validation.Schema schema = javax.xml.validation.SchemaFactory
                .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitReportTest.class.getResource("junit-10.xsd"));
        schema.newValidator().validate(new javax.xml.transform.stream.StreamSource(file.toFile()));
    }

    @Test
    void aTaskThatPassedOnARetryIsFlakyAsSurefireWritesIt() throws Exception {
        Files.writeString(logs.resolve("T003.log"), "=== T003 attempt 1/3 on worker-3 at x ===\nbroke: disk busy\n"
                + "=== exit 1 ===\n=== T003 attempt 2/3 on worker-1 at y ===\nfine this time\n");
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        Element t003 = (Element) doc.getElementsByTagName("testcase").item(3);
        List<Element> flaky = children(t003, "flakyFailure");
        assertThat(flaky).hasSize(1);
        assertThat(flaky.get(0).getAttribute("message")).isEqualTo("exit 1");
        assertThat(flaky.get(0).getAttribute("type")).isEqualTo("exit");
        assertThat(children(flaky.get(0), "stackTrace").get(0).getTextContent()).isEqualTo("attempt 1 on worker-3: exit 1 (0.8s)");
        assertThat(children(flaky.get(0), "system-out").get(0).getTextContent()).isEqualTo("broke: disk busy\n");
        assertThat(children(t003, "failure")).isEmpty();
        assertThat(children(t003, "system-out").get(0).getTextContent()).as("the passing attempt's output").isEqualTo("fine this time\n");
    }

    @Test
    void theClassnameIsTheTaskFileAndTheSectionATaskStandsUnder() throws Exception {
        Path taskFile = dir.resolve("tasks.md");
        Files.writeString(taskFile, String.join("\n",
                "# Tasks", "", "## Phase 1: Setup", "", "- [ ] T001 one", "", "```md", "## not a section", "```",
                "- [ ] T002 two", "", "## Phase 2.1: Core", "", "- [ ] T003 three", ""));
        ExecutionPlan plan = RunFixture.plan(taskFile)
                .task("T001", "one", "G1", 5).task("T002", "two", "G2", 10).task("T003", "three", "G1", 14).build();
        RunResult result = RunFixture.result(1, 1, RunFixture.completed("T001", RunFixture.ok(1, "worker-1", 0, 1)),
                RunFixture.completed("T002", RunFixture.ok(1, "worker-1", 0, 1)),
                RunFixture.completed("T003", RunFixture.ok(1, "worker-1", 0, 1)));

        Document doc = written(plan, result);

        List<Element> cases = children((Element) doc.getElementsByTagName("testsuite").item(0), "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("classname"))
                .containsExactly("tasks_md.Phase 1: Setup", "tasks_md.Phase 1: Setup", "tasks_md.Phase 2_1: Core");
    }

    @Test
    void eachTaskIsATestcaseNamedByIdAndTitleInItsGroup() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        List<Element> cases = children((Element) doc.getElementsByTagName("testsuite").item(0), "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly(
                "T000: Bootstrap the repository", "T001: Create the user model", "T002: Add the login form",
                "T003: Write the session store", "T004: Hash passwords", "T007: Run the integration suite",
                "T008: Publish the release notes");
        assertThat(cases).extracting(c -> c.getAttribute("classname")).as("the task file, never a group id").containsOnly("tasks_md");
        assertThat(cases.get(3).getAttribute("time")).as("both attempts of T003").isEqualTo("2.300");
        assertThat(children(cases.get(1), "failure")).isEmpty();
        assertThat(children(cases.get(1), "skipped")).isEmpty();
    }

    @Test
    void aFailedTaskCarriesItsReasonTypeAttemptsAndLogTail() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        Element t007 = (Element) doc.getElementsByTagName("testcase").item(5);
        List<Element> failures = children(t007, "failure");
        assertThat(failures).hasSize(1);
        Element failure = failures.get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("timeout after 5s");
        assertThat(failure.getAttribute("type")).isEqualTo("timeout");
        String text = failure.getTextContent();
        assertThat(text).contains("attempt 1 on worker-3: timeout after 5s (5.0s)", "attempt 3 on worker-2: timeout after 5s");
        assertThat(text).contains("ERROR connection <refused> & retried \"3\" times", "]]> end");
        assertThat(text).doesNotContain("\u001b", "[31m");
        assertThat(children(t007, "system-out").get(0).getTextContent()).contains("ERROR connection <refused>");
        assertThat(children(t007, "rerunFailure")).as("the two attempts before the last").hasSize(2);
    }

    @Test
    void skippedAndNeverRunTasksAreSkippedWithWhy() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        NodeList cases = doc.getElementsByTagName("testcase");
        Element t008 = (Element) cases.item(6);
        assertThat(children(t008, "skipped").get(0).getAttribute("message")).isEqualTo("blocked by T007");
        Element t000 = (Element) cases.item(0);
        assertThat(children(t000, "skipped").get(0).getAttribute("message")).isEqualTo("already done");
    }

    @Test
    void titlesWithMarkupQuotesAndControlCharactersStillMakeWellFormedXml() throws Exception {
        ExecutionPlan plan = RunFixture.plan(dir.resolve("tasks.md"))
                .task("T001", "Render <b>bold</b> & \"quoted\" 'text' \u0001\u001b[0m 日本 🚀", "G&1", 1)
                .build();
        RunResult result = RunFixture.result(1, 1, RunFixture.failed("T001",
                RunFixture.exit(1, "worker-1", 0, 1, 2)));

        Document doc = written(plan, result);

        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo("T001: Render <b>bold</b> & \"quoted\" 'text' \uFFFD 日本 🚀");
        assertThat(testcase.getAttribute("classname")).isEqualTo("tasks_md");
        assertThat(children(testcase, "failure").get(0).getAttribute("type")).isEqualTo("exit");
    }

    @Test
    void aMultiLineReasonSurvivesInTheMessageAttribute() throws Exception {
        ExecutionPlan plan = RunFixture.plan(dir.resolve("tasks.md")).task("T001", "t", "G1", 1).build();
        RunResult result = RunFixture.result(1, 1, new dev.orchestrate.run.TaskResult("T001",
                dev.orchestrate.run.TaskStatus.FAILED, List.of(), java.util.Optional.of("agent error:\nrate limit\treached"),
                List.of()));

        Document doc = written(plan, result);

        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("agent error:\nrate limit\treached");
        assertThat(failure.getAttribute("type")).isEqualTo("error");
    }
}
