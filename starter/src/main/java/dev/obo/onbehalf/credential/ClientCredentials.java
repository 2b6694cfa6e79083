package dev.obo.onbehalf.credential;

import java.time.Clock;
import java.time.Duration;

import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * The {@link ClientCredential} that {@code onbehalf.credential} describes. Making it reads what it
 * can at once (the certificate, the token file), so that a setting that cannot work stops start-up
 * with one line naming it.
 */
public final class ClientCredentials {

    private ClientCredentials() {
    }

    public static ClientCredential of(OnBehalfOfProperties.Credential credential, Duration timeout, Clock clock) {
        return switch (credential.type()) {
            case "certificate" -> new CertificateCredential(credential.certificatePath(), credential.privateKeyPath(),
                    credential.certificatePassword(), credential.sendX5c());
            case "federated" -> new FederatedTokenFile(credential.tokenFile(), clock);
            case "managed-identity" -> new ManagedIdentityAssertion(credential.managedIdentity(), timeout, clock);
            default -> new SecretCredential();
        };
    }
}
