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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineTest {

    static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    Path dir;

    private Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // <!DOCTYPE html> has no external subset: nothing to load
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private Document written(ExecutionPlan plan, RunResult result) throws Exception {
        Path file = dir.resolve("timeline.html");
        new Timeline(plan, result).write(file);
        return parse(file);
    }

    private static List<Element> elements(Document doc, String namespace, String name) {
        NodeList nodes = doc.getElementsByTagNameNS(namespace, name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static List<Element> bars(Document doc) {
        return elements(doc, SVG, "g").stream().filter(g -> g.getAttribute("class").startsWith("bar ")).toList();
    }

    @Test
    void isWellFormedXhtmlWithAnInlineSvgAndNothingFromTheNetwork() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("html");
        assertThat(elements(doc, SVG, "svg")).hasSize(1);
        String html = Files.readString(dir.resolve("timeline.html"));
        assertThat(html).doesNotContain("<script", "http://example", "https://", "src=", "href=", "@import", "url(");
    }

    @Test
    void oneRowPerWorkerAndOneBarPerAttemptColouredByOutcome() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        List<String> workers = elements(doc, SVG, "text").stream()
                .filter(t -> t.getAttribute("class").equals("worker")).map(Element::getTextContent).toList();
        assertThat(workers).containsExactly("worker-1", "worker-2", "worker-3");
        List<Element> bars = bars(doc);
        assertThat(bars).hasSize(8);
        assertThat(bars).extracting(b -> b.getAttribute("class")).filteredOn(c -> c.equals("bar completed")).hasSize(4);
        assertThat(bars).extracting(b -> b.getAttribute("class")).filteredOn(c -> c.equals("bar failed")).hasSize(1);
        assertThat(bars).extracting(b -> b.getAttribute("class")).filteredOn(c -> c.equals("bar timeout")).hasSize(3);
    }

    @Test
    void hoveringABarNamesTheTaskTheAttemptAndTheDuration() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        List<String> hovers = bars(doc).stream()
                .map(b -> b.getElementsByTagNameNS(SVG, "title").item(0).getTextContent()).toList();
        assertThat(hovers).contains(
                "T003 – Write the session store\nattempt 1 on worker-3\n0.8s, failed: exit 1",
                "T003 – Write the session store\nattempt 2 on worker-1\n1.5s, completed",
                "T007 – Run the integration suite\nattempt 3 on worker-2\n5.0s, timeout: timeout after 5s");
    }

    @Test
    void barsArePlacedOnATimeAxisInSeconds() throws Exception {
        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), RunFixture.sampleResult());

        List<String> ticks = elements(doc, SVG, "text").stream()
                .filter(t -> t.getAttribute("class").equals("tick")).map(Element::getTextContent).toList();
        assertThat(ticks).containsExactly("0s", "2s", "4s", "6s", "8s", "10s", "12s", "14s", "16s", "18s", "20s");
        // T007's third attempt runs from 11.2 s to 16.2 s of a 20 s run, on a 1000-unit axis after a 100-unit label
        Element rect = (Element) bars(doc).stream()
                .filter(b -> b.getTextContent().contains("attempt 3 on worker-2")).findFirst().orElseThrow()
                .getElementsByTagNameNS(SVG, "rect").item(0);
        assertThat(Double.parseDouble(rect.getAttribute("x"))).isEqualTo(660.0);
        assertThat(Double.parseDouble(rect.getAttribute("width"))).isEqualTo(250.0);
    }

    @Test
    void theLegendNamesEveryOutcome() throws Exception {
        String html = Files.readString(writeSample());

        assertThat(html).contains("<span class=\"swatch completed\"></span>completed",
                "<span class=\"swatch failed\"></span>failed", "<span class=\"swatch timeout\"></span>timeout");
    }

    @Test
    void textFromTheTaskFileIsEscaped() throws Exception {
        ExecutionPlan plan = RunFixture.plan(dir.resolve("tasks.md"))
                .task("T001", "</title><script>alert(1)</script> & \u0002 日本", "G1", 1).build();
        RunResult result = RunFixture.result(2, 1, RunFixture.completed("T001", RunFixture.ok(1, "worker-1", 0, 2)));

        Document doc = written(plan, result);

        assertThat(Files.readString(dir.resolve("timeline.html"))).doesNotContain("<script>");
        assertThat(bars(doc).get(0).getTextContent()).contains("</title><script>alert(1)</script> & \uFFFD 日本");
    }

    @Test
    void aRunWhereNothingRanSaysSo() throws Exception {
        RunResult nothing = RunFixture.result(0, 0, RunFixture.alreadyDone("T000"));

        Document doc = written(RunFixture.sample(dir.resolve("tasks.md")), nothing);

        assertThat(elements(doc, SVG, "svg")).isEmpty();
        assertThat(doc.getDocumentElement().getTextContent()).contains("No task ran");
    }

    @Test
    void tickStepsAreRound() {
        assertThat(Timeline.tickStep(20)).isEqualTo(2);
        assertThat(Timeline.tickStep(42)).isEqualTo(5);
        assertThat(Timeline.tickStep(600)).isEqualTo(100);
        assertThat(Timeline.tickStep(0.9)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLongRunOnFiveWorkersDrawsEveryAttemptAndLabelsOnlyTheBarsWideEnough() throws Exception {
        RunFixture fixture = RunFixture.plan(Path.of("specs/002-shop/tasks.md")).workers(5);
        List<dev.orchestrate.run.TaskResult> results = new ArrayList<>();
        double[] free = new double[5];
        for (int i = 1; i <= 40; i++) {
            String id = String.format("T%03d", i);
            fixture.task(id, "Task number " + i, "G" + (1 + i / 10), i);
            int w = i % 5;
            double length = 0.3 + (i * 37 % 11) * 1.1;
            dev.orchestrate.run.Attempt attempt = i % 13 == 0
                    ? RunFixture.exit(1, "worker-" + (w + 1), free[w], free[w] + length, 2)
                    : RunFixture.ok(1, "worker-" + (w + 1), free[w], free[w] + length);
            free[w] += length + 0.1;
            results.add(i % 13 == 0 ? RunFixture.failed(id, attempt) : RunFixture.completed(id, attempt));
        }
        double end = java.util.Arrays.stream(free).max().orElse(1);
        RunResult result = RunFixture.result(end, 5, results.toArray(new dev.orchestrate.run.TaskResult[0]));
        Path file = sampleFile("timeline-sample-large.html");
        new Timeline(fixture.build(), result).write(file);

        Document doc = parse(file);
        assertThat(bars(doc)).hasSize(40);
        assertThat(bars(doc)).filteredOn(b -> b.getElementsByTagNameNS(SVG, "text").getLength() == 0)
                .as("the narrowest bars carry no label").isNotEmpty();
    }

    /** Also leaves a sample in target/ for scripts/timeline-screenshot.sh. */
    private Path writeSample() throws IOException {
        Path file = sampleFile("timeline-sample.html");
        new Timeline(RunFixture.sample(Path.of("specs/001-auth/tasks.md")), RunFixture.sampleResult()).write(file);
        return file;
    }

    private Path sampleFile(String name) {
        Path target = Path.of("target");
        return Files.isDirectory(target) ? target.resolve(name) : dir.resolve(name);
    }
}
