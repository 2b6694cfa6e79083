package dev.obo.sandbox.tenant;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import dev.obo.sandbox.junit.DemoTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed file: the default one loads as documented, and each kind of bad seed stops start-up with one line naming it. */
class SeedLoaderTest {

    private static final String TENANT = "tenant: { id: t1, domain: example.test }\n";

    @Test
    void loadWhenDefaultSeedThenTheTenantUsersAndAppsTheKitNames() {
        SandboxSeed seed = new SeedLoader().load(new DefaultResourceLoader(), List.of("classpath:sandbox.yml"));

        assertThat(seed.tenant().id()).isEqualTo(DemoTenant.TENANT);
        assertThat(seed.users()).extracting(SandboxSeed.User::username)
                .containsExactly(DemoTenant.ALICE, DemoTenant.BOB, DemoTenant.CAROL, DemoTenant.DAVE, DemoTenant.ERIN);
        assertThat(seed.users().get(4).subscriptions()).hasSize(12);
        assertThat(seed.users().get(0).subscriptions()).hasSize(2);
        assertThat(seed.users().get(1).subscriptions()).hasSize(1);
        assertThat(seed.apps()).extracting(SandboxSeed.App::clientId).containsExactly(DemoTenant.WEB, DemoTenant.API, DemoTenant.ARM,
                DemoTenant.GRAPH);
        assertThat(seed.users().get(0)).extracting(SandboxSeed.User::mail, SandboxSeed.User::jobTitle, SandboxSeed.User::officeLocation)
                .containsExactly("alice@onbehalf.test", "Cloud Platform Engineer", "Building 1, 1.101");
    }

    static Stream<Arguments> badSeeds() {
        return Stream.of(
                Arguments.of("not YAML at all", "tenant: [", "is malformed"),
                Arguments.of("a misspelt field", TENANT + "users: [ { username: a, oid: o, password: p, pasword: q } ]", "pasword"),
                Arguments.of("no tenant", "users: []", "tenant.id is missing"),
                Arguments.of("a user without password", TENANT + "users: [ { username: a, oid: o } ]", "needs username, oid and password"),
                Arguments.of("a mail that is not an address", TENANT + "users: [ { username: a, oid: o, password: p, mail: alice } ]", "mail alice is not an e-mail address"),
                Arguments.of("the same oid twice", TENANT + "users: [ { username: a, oid: o, password: p }, { username: b, oid: o, password: p } ]", "oid o is used by two users"),
                Arguments.of("the same identifier URI twice", TENANT + "apps: [ { clientId: c, identifierUris: [ api://x ] }, { clientId: d, identifierUris: [ api://x/ ] } ]", "api://x/ is used by two apps"),
                Arguments.of("the same client twice", TENANT + "apps: [ { clientId: c }, { clientId: c } ]", "clientId c is used twice"),
                Arguments.of("an unknown token version", TENANT + "apps: [ { clientId: c, accessTokenAcceptedVersion: 3 } ]", "must be 1 or 2"),
                Arguments.of("a permission on an unknown app", TENANT + "apps: [ { clientId: c, requiredPermissions: [ { resource: x } ] } ]", "unknown app x"),
                Arguments.of("consent by an unknown user", TENANT + "apps: [ { clientId: c } ]\nconsents: [ { user: zoe, client: c, resource: c } ]", "unknown user zoe"),
                Arguments.of("a certificate that is not one", TENANT + "apps: [ { clientId: c, certificates: [ nonsense ] } ]", "not a PEM X.509"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSeeds")
    void loadWhenSeedIsBadThenOneLineNamingTheProblem(String proves, String yaml, String named) {
        assertThatThrownBy(() -> new SeedLoader().load(new InMemory(yaml), List.of("memory")))
                .isInstanceOf(InvalidSeedException.class)
                .hasMessageContaining(named)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void loadWhenFileMissingThenNamesIt() {
        assertThatThrownBy(() -> new SeedLoader().load(new DefaultResourceLoader(), List.of("file:/nonexistent/seed.yml")))
                .hasMessage("sandbox seed file not found: file:/nonexistent/seed.yml");
    }

    private static final class InMemory extends DefaultResourceLoader {
        private final String yaml;

        InMemory(String yaml) {
            this.yaml = yaml;
        }

        @Override
        public Resource getResource(String location) {
            return new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8));
        }
    }
}
