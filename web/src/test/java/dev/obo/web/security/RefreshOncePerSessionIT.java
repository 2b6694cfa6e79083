package dev.obo.web.security;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.RawHttp;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page loads of one session that all need a refreshed access token at once (the tests' refresh
 * skew makes every token due) never present one refresh token twice: the identity provider
 * rotates refresh tokens and takes a second use for theft (RFC 9700 section 4.14.2), revoking
 * the family and so signing the user out. {@link OneRefreshPerSessionIT} shows that the
 * loads waiting for a refresh share it.
 */
class RefreshOncePerSessionIT extends WebIT {

    private static final int PAGE_LOADS = 8;

    @Test
    void homeWhenEightPageLoadsNeedARefreshAtOnceThenNoRefreshTokenIsReusedAndAllShowTheSubscriptions(Sandbox sandbox) throws Exception {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        long refreshes = sandbox.tokenRequests("refresh_token");
        long issued = sandbox.tokenRequests("refresh_token", "issued");
        long signIns = sandbox.tokenRequests("authorization_code");

        // Written in the same instant on connections opened before, so that the loads overlap.
        List<RawHttp.Answer> pages = new RawHttp(InetAddress.getByName("127.0.0.1"), webPort())
                .getAtOnce(PAGE_LOADS, "/", Map.of("Cookie", bob.cookie("OBOSESSION")));

        assertThat(pages).allSatisfy(page -> {
            assertThat(page.status()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).select("#subscriptions tbody tr")).hasSize(1);
        });
        long burst = sandbox.tokenRequests("refresh_token") - refreshes;
        assertThat(sandbox.tokenRequests("refresh_token", "issued") - issued).as("refreshes that succeeded").isEqualTo(burst);
        assertThat(burst).as("refreshes for %d page loads", PAGE_LOADS).isBetween(1L, PAGE_LOADS - 1L);
        assertThat(bob.open(web("/")).document().select("#subscriptions tbody tr")).as("still signed in").hasSize(1);
        assertThat(sandbox.tokenRequests("authorization_code")).as("no one signed in again").isEqualTo(signIns);
    }
}
