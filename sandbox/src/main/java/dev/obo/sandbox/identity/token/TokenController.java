package dev.obo.sandbox.identity.token;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.identity.error.EntraEndpoint;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;

/**
 * The token endpoint at Entra's v2 path, {@code POST /{tenant}/oauth2/v2.0/token}:
 * checks the tenant and the parameters (from the form body alone, see {@link FormBody}),
 * authenticates the client, and hands the request to the {@link GrantHandler} of its {@code grant_type}.
 */
@RestController
@EntraEndpoint
class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);
    static final String PATH = "/{tenant}/oauth2/v2.0/token";

    private final Map<String, GrantHandler> handlers;
    private final ClientAuthenticator clients;
    private final Directory directory;
    private final MeterRegistry meters;
    private final FormBody form;

    TokenController(List<GrantHandler> handlers, ClientAuthenticator clients, Directory directory, MeterRegistry meters,
                    FormBody form) {
        this.meters = meters;
        this.form = form;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, Function.identity()));
        this.clients = clients;
        this.directory = directory;
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, Object>> token(@PathVariable String tenant, HttpServletRequest http) throws IOException {
        if (!directory.isTenant(tenant)) {
            throw new EntraException(EntraError.UNKNOWN_TENANT, tenant);
        }
        TokenRequest request = new TokenRequest(form.parameters(http), http.getHeader(HttpHeaders.AUTHORIZATION));
        request.rejectDuplicates();
        String grantType = request.required("grant_type");
        GrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            count("unsupported", "AADSTS" + EntraError.UNSUPPORTED_GRANT_TYPE.code());
            throw new EntraException(EntraError.UNSUPPORTED_GRANT_TYPE, grantType);
        }
        AuthenticatedClient client;
        TokenResponse response;
        try {
            request = request.withClaims();
            client = clients.authenticate(request);
            response = handler.handle(request, client);
        } catch (EntraException e) {
            count(grantType, "AADSTS" + e.error().code());
            throw e;
        }
        count(grantType, "issued");
        log.info("event=token_issued grant={} client={} auth={} scope=\"{}\"", grantType, client.app().clientId(),
                client.method(), response.scope());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .body(response.toJson());
    }

    private void count(String grantType, String outcome) {
        meters.counter("sandbox.token.requests", "grant", grantType, "outcome", outcome).increment();
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.DELETE, RequestMethod.PATCH})
    void notPost(HttpServletRequest http) {
        throw new EntraException(EntraError.POST_ONLY, http.getMethod());
    }
}
