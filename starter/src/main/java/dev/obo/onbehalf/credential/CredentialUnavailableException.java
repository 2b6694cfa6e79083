package dev.obo.onbehalf.credential;

import dev.obo.onbehalf.OnBehalfOfException;

/**
 * This API's own credential failed: its source could not give it (a token file missing, a managed
 * identity endpoint down), or the identity provider refused it (RFC 6749 section 5.2's
 * {@code invalid_client}; Entra's AADSTS7000215, 700024, 700027, ...). The caller can do nothing
 * but retry later; the operator fixes the credential. The message names the credential, never its value.
 */
public class CredentialUnavailableException extends OnBehalfOfException {

    private final String type;
    private final String source;
    private final String code;

    /**
     * @param credential the credential that failed
     * @param code the identity provider's code ({@code AADSTS700024}), or null when the source failed
     * @param reason what happened, without any secret, token or assertion
     */
    public CredentialUnavailableException(ClientCredential credential, String code, String reason, Throwable cause) {
        super(credential.description() + (code == null ? " could not be used: " : " was refused: " + code + " ") + reason, cause);
        this.type = credential.type();
        this.source = credential.source();
        this.code = code;
    }

    /** {@code secret}, {@code certificate}, {@code federated} or {@code managed-identity}. */
    public String type() {
        return type;
    }

    /** Where the credential comes from: a file, an endpoint, or {@code onbehalf.credential.secret}. */
    public String source() {
        return source;
    }

    /** The identity provider's refusal ({@code AADSTS700024}), or null when the credential's source failed. */
    public String code() {
        return code;
    }
}
