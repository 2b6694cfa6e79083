package dev.obo.web.security;

import org.junit.jupiter.api.Test;

import dev.obo.web.security.PendingChallenge.Kind;
import dev.obo.web.security.PendingChallenge.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop breaker's rule: a challenge that asks what the one just answered asked is not
 * followed again, nor is one after too many round trips in a row; a new ask is.
 */
class PendingChallengeTest {

    private static final String NBF = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
    private static final String MFA = "{\"access_token\":{\"amr\":{\"essential\":true,\"values\":[\"mfa\"]}}}";
    private static final Refusal ARM = new Refusal("401 insufficient_claims", Refusal.ARM, "session revoked");

    @Test
    void repeatsWhenNothingWasAnsweredThenNo() {
        assertThat(PendingChallenge.after(null, Kind.CLAIMS, NBF, ARM, "/").repeats(null)).isFalse();
    }

    @Test
    void repeatsWhenTheSameClaimsComeBackThenYes() {
        PendingChallenge answered = PendingChallenge.after(null, Kind.CLAIMS, NBF, ARM, "/");

        assertThat(PendingChallenge.after(answered, Kind.CLAIMS, NBF, ARM, "/").repeats(answered)).isTrue();
    }

    @Test
    void repeatsWhenTheSameKindWithoutClaimsComesBackThenYesAsBefore() {
        PendingChallenge answered = new PendingChallenge(Kind.TOKEN, null, "/");

        assertThat(PendingChallenge.after(answered, Kind.TOKEN, null, null, "/").repeats(answered)).isTrue();
        assertThat(PendingChallenge.after(answered, Kind.CONSENT, null, null, "/").repeats(answered)).isFalse();
    }

    @Test
    void repeatsWhenMfaIsAskedAfterTheSignInForARevokedSessionThenNoItIsANewAsk() {
        PendingChallenge answered = PendingChallenge.after(null, Kind.CLAIMS, NBF, ARM, "/");

        PendingChallenge mfa = PendingChallenge.after(answered, Kind.CLAIMS, MFA, null, "/");

        assertThat(mfa.repeats(answered)).isFalse();
        assertThat(mfa.round()).isEqualTo(2);
    }

    @Test
    void repeatsWhenEveryRoundAsksSomethingNewThenStopsAfterTheMostRounds() {
        PendingChallenge answered = null;
        int followed = 0;
        for (int round = 1; round <= 10; round++) {
            PendingChallenge asked = PendingChallenge.after(answered, Kind.CLAIMS, "{\"access_token\":{\"nbf\":{\"value\":\"" + round + "\"}}}",
                    ARM, "/");
            if (asked.repeats(answered)) {
                break;
            }
            followed++;
            answered = asked;
        }

        assertThat(followed).isEqualTo(PendingChallenge.MOST_ROUNDS);
    }
}
