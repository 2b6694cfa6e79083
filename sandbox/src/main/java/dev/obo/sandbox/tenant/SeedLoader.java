package dev.obo.sandbox.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and checks the seed files, failing start-up with one line that names the problem. */
final class SeedLoader {

    private static final Pattern MAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    SandboxSeed load(ResourceLoader loader, Iterable<String> locations) {
        SandboxSeed seed = new SandboxSeed(null, null, null, null, null);
        for (String location : locations) {
            seed = seed.plus(read(loader.getResource(location.trim()), location));
        }
        check(seed);
        return seed;
    }

    private SandboxSeed read(Resource resource, String location) {
        if (!resource.exists()) {
            throw new InvalidSeedException("sandbox seed file not found: " + location);
        }
        try (InputStream in = resource.getInputStream()) {
            return yaml.readValue(in, SandboxSeed.class);
        } catch (JacksonException | IOException e) {
            throw new InvalidSeedException("sandbox seed file " + location + " is malformed: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static void check(SandboxSeed seed) {
        require(seed.tenant() != null && notBlank(seed.tenant().id()), "tenant.id is missing");
        Set<String> clientIds = new HashSet<>();
        for (SandboxSeed.App app : seed.apps()) {
            require(notBlank(app.clientId()), "an app has no clientId");
            require(clientIds.add(app.clientId()), "clientId " + app.clientId() + " is used twice");
            require(app.accessTokenAcceptedVersion() == 1 || app.accessTokenAcceptedVersion() == 2,
                    "app " + app.clientId() + ": accessTokenAcceptedVersion must be 1 or 2");
            AppCertificates.keysOf(app);
            Set<String> credentialNames = new HashSet<>();
            for (SandboxSeed.FederatedIdentityCredential credential : app.federatedIdentityCredentials()) {
                require(notBlank(credential.name()) && notBlank(credential.issuer()) && notBlank(credential.subject()),
                        "app " + app.clientId() + ": a federated identity credential needs name, issuer and subject");
                require(credentialNames.add(credential.name()),
                        "app " + app.clientId() + ": federated identity credential " + credential.name() + " is listed twice");
            }
        }
        Set<String> identityIds = new HashSet<>();
        for (SandboxSeed.ManagedIdentity identity : seed.managedIdentities()) {
            require(notBlank(identity.name()) && notBlank(identity.clientId()) && notBlank(identity.principalId()),
                    "a managed identity needs name, clientId and principalId");
            require(identityIds.add(identity.clientId()) && identityIds.add(identity.principalId()),
                    "managed identity " + identity.name() + ": its clientId or principalId is used twice");
        }
        Set<String> identifierUris = new HashSet<>();
        for (SandboxSeed.App app : seed.apps()) {
            app.identifierUris().forEach(uri -> require(identifierUris.add(AppIdentifiers.withoutTrailingSlash(uri).toLowerCase()),
                    "identifier URI " + uri + " is used by two apps"));
        }
        Set<String> usernames = new HashSet<>();
        Set<String> oids = new HashSet<>();
        for (SandboxSeed.User user : seed.users()) {
            require(notBlank(user.username()) && notBlank(user.oid()) && notBlank(user.password()),
                    "a user needs username, oid and password");
            require(usernames.add(user.username().toLowerCase()), "user " + user.username() + " is listed twice");
            require(oids.add(user.oid()), "oid " + user.oid() + " is used by two users");
            require(user.mail() == null || MAIL.matcher(user.mail()).matches(),
                    "user " + user.username() + ": mail " + user.mail() + " is not an e-mail address");
            user.mfaRequiredFor().forEach(r -> require(clientIds.contains(r),
                    "user " + user.username() + ": mfaRequiredFor names unknown app " + r));
        }
        for (SandboxSeed.App app : seed.apps()) {
            app.requiredPermissions().forEach(p -> require(clientIds.contains(p.resource()),
                    "app " + app.clientId() + ": requiredPermissions names unknown app " + p.resource()));
        }
        for (SandboxSeed.ConsentGrant grant : seed.consents()) {
            require("*".equals(grant.user()) || usernames.contains(String.valueOf(grant.user()).toLowerCase()),
                    "consent names unknown user " + grant.user());
            require(clientIds.contains(grant.client()) && clientIds.contains(grant.resource()),
                    "consent names an unknown app: " + grant.client() + " -> " + grant.resource());
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new InvalidSeedException("sandbox seed: " + problem);
        }
    }
}
