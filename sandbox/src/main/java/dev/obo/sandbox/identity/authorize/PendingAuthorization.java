package dev.obo.sandbox.identity.authorize;

import java.io.Serializable;

import dev.obo.sandbox.identity.claims.ClaimsRequest;

/**
 * An authorization request that passed its checks and waits for the user: sign-in,
 * second factor, consent. Kept in the browser's sandbox session under a random flow id,
 * which the pages post back (and which therefore also guards them against cross-site posts).
 */
record PendingAuthorization(String clientId, String redirectUri, String responseMode, String scope, String state,
                            String nonce, String codeChallenge, String prompt, String loginHint, ClaimsRequest claims,
                            boolean signedInHere, boolean consentShown, String oneTimeCode) implements Serializable {

    PendingAuthorization signedIn() {
        return new PendingAuthorization(clientId, redirectUri, responseMode, scope, state, nonce, codeChallenge, prompt,
                loginHint, claims, true, consentShown, oneTimeCode);
    }

    PendingAuthorization consented() {
        return new PendingAuthorization(clientId, redirectUri, responseMode, scope, state, nonce, codeChallenge, prompt,
                loginHint, claims, signedInHere, true, oneTimeCode);
    }

    PendingAuthorization withOneTimeCode(String code) {
        return new PendingAuthorization(clientId, redirectUri, responseMode, scope, state, nonce, codeChallenge, prompt,
                loginHint, claims, signedInHere, consentShown, code);
    }

    boolean prompts(String value) {
        return prompt != null && prompt.equals(value);
    }
}
