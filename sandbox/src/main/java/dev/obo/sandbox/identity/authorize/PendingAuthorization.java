package dev.obo.sandbox.identity.authorize;

import java.io.Serializable;

/**
 * An authorization request that passed its checks and waits for the user: sign-in,
 * second factor, consent. Kept in the browser's sandbox session under a random flow id,
 * which the pages post back (and which therefore also guards them against cross-site posts).
 */
record PendingAuthorization(String clientId, String redirectUri, String responseMode, String scope, String state,
                            String nonce, String codeChallenge, String prompt, String loginHint, boolean claimsAskForMfa,
                            boolean signedInHere, boolean consentShown, String oneTimeCode) implements Serializable {

    PendingAuthorization signedIn() {
        return new PendingAuthorization(clientId, redirectUri, responseMode, scope, state, nonce, codeChallenge, prompt,
                loginHint, claimsAskForMfa, true, consentShown, oneTimeCode);
    }

    PendingAuthorization consented() {
        return new PendingAuthorization(clientId, redirectUri, responseMode, scope, state, nonce, codeChallenge, prompt,
                loginHint, claimsAskForMfa, signedInHere, true, oneTimeCode);
    }

    PendingAuthorization withOneTimeCode(String code) {
        return new PendingAuthorization(clientId, redirectUri, responseMode, scope, state, nonce, codeChallenge, prompt,
                loginHint, claimsAskForMfa, signedInHere, consentShown, code);
    }

    boolean prompts(String value) {
        return prompt != null && prompt.equals(value);
    }
}
