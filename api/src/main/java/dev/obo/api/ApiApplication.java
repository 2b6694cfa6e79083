package dev.obo.api;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The middle-tier API: validates the caller's Entra access token, gets a token for Azure
 * Resource Manager On-Behalf-Of the user, and returns the user's subscriptions.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

    /** Its settings file is {@code api-server.yml}, so that it can run embedded beside another app's {@code application.yml}. */
    public static final String CONFIG_NAME = "api-server";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The API as a {@link SpringApplication}, for running it embedded (the web app's tests do). */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ApiApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
