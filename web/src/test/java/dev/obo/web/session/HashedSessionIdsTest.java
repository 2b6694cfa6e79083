package dev.obo.web.session;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's Redis key names the SHA-256 of its id, never the id that the cookie carries. */
class HashedSessionIdsTest {

    private final HashedSessionIds keys = new HashedSessionIds("onbehalf:web:session:sessions:");

    @Test
    void serializeWhenASessionKeyThenTheIdIsHashed() {
        String id = "5b1f3f0e-6d57-4bd4-9c3e-3f4a8f1c2d10";

        String written = new String(keys.serialize("onbehalf:web:session:sessions:" + id), StandardCharsets.UTF_8);

        assertThat(written).startsWith("onbehalf:web:session:sessions:").doesNotContain(id)
                .isEqualTo("onbehalf:web:session:sessions:" + HashedSessionIds.digest(id));
        assertThat(HashedSessionIds.digest(id)).hasSize(43);
    }

    @Test
    void serializeWhenAnotherKeyThenAsItIs() {
        assertThat(new String(keys.serialize("onbehalf:web:session:other"), StandardCharsets.UTF_8)).isEqualTo("onbehalf:web:session:other");
    }
}
