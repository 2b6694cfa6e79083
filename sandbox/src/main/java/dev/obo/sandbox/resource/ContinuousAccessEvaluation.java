package dev.obo.sandbox.resource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.jose.TenantTokenVerifier;
import dev.obo.sandbox.tenant.Accounts;
import dev.obo.sandbox.tenant.Accounts.Account;
import dev.obo.sandbox.tenant.Directory;

/**
 * Continuous access evaluation at a resource stand-in, as ARM and Graph do it: a CAE token (one whose
 * {@code xms_cc} holds {@code cp1}) of a user whose account is disabled, or issued before the user's
 * tokens-valid-from, is refused with a {@link CaeChallenge}, counted as {@code <meters>.cae.challenges}
 * by {@code reason}. A token without {@code cp1} is not evaluated at all: it stays valid until its
 * {@code exp}, as Entra's tokens do for clients that cannot answer a challenge.
 */
@Component
public class ContinuousAccessEvaluation {

    private final Directory directory;
    private final Accounts accounts;
    private final MeterRegistry meters;

    ContinuousAccessEvaluation(Directory directory, Accounts accounts, MeterRegistry meters) {
        this.directory = directory;
        this.accounts = accounts;
        this.meters = meters;
    }

    /** The challenge for the verified token {@code claims}, counted under {@code meters}, or empty when it may pass. */
    Optional<CaeChallenge> evaluate(JWTClaimsSet claims, String meterPrefix) {
        if (!isCaeToken(claims) || claims.getIssueTime() == null) {
            return Optional.empty();
        }
        Optional<CaeChallenge> challenge = directory.userByOid(TenantTokenVerifier.stringClaim(claims, "oid")).map(accounts::of)
                .flatMap(account -> challenge(account, claims));
        challenge.ifPresent(c -> meters.counter(meterPrefix + ".cae.challenges", "reason", c.reason().name().toLowerCase(Locale.ROOT))
                .increment());
        return challenge;
    }

    private static Optional<CaeChallenge> challenge(Account account, JWTClaimsSet claims) {
        if (!account.enabled()) {
            return Optional.of(new CaeChallenge(CaeChallenge.Reason.DISABLED, account.tokensValidFrom()));
        }
        if (account.revokes(claims.getIssueTime().toInstant())) {
            return Optional.of(new CaeChallenge(CaeChallenge.Reason.REVOKED, account.tokensValidFrom()));
        }
        return Optional.empty();
    }

    private static boolean isCaeToken(JWTClaimsSet claims) {
        Object xmsCc = claims.getClaim("xms_cc");
        return xmsCc instanceof List<?> capabilities
                && capabilities.stream().anyMatch(c -> c instanceof String s && ClaimsRequest.CP1.equalsIgnoreCase(s));
    }
}
