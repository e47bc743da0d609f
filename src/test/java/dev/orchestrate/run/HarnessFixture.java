package dev.orchestrate.run;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link Harness} (project root and session folder) in a temporary folder for each test. */
abstract class HarnessFixture {

    @TempDir
    Path tmp;
    Harness harness;

    @BeforeEach
    void openHarness() throws IOException {
        harness = new Harness(tmp);
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }
}
