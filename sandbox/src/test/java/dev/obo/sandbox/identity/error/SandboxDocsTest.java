package dev.obo.sandbox.identity.error;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/sandbox.md lists every error the sandbox can return, so the docs cannot drift from {@link EntraError}. */
class SandboxDocsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(EntraError.class)
    void docsWhenReadThenEveryErrorCodeIsInTheTable(EntraError error) throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "sandbox.md"));

        assertThat(docs).contains("| AADSTS" + error.code() + " |").contains("`" + error.error() + "`");
    }
}
