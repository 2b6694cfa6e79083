package dev.obo.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * A slice test of the web app: its own context with its own settings, in a mock servlet
 * environment, driven by MockMvc with Spring Security (a signed-in user is {@code oidcLogin()}).
 * No server, no sandbox, no API: nothing the app does at start-up calls them, and the API's
 * address is a closed port, so a call to it fails at once, as an unreachable API.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"spring.config.name=" + WebApplication.CONFIG_NAME, "FLASK_BACKEND_URL=http://localhost:1/subscriptions"})
@AutoConfigureMockMvc
public @interface WebSlice {
}
