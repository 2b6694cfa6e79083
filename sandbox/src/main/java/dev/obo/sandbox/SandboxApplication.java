package dev.obo.sandbox;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sandbox: a local stand-in for Microsoft Entra ID (v2 endpoints) and for Azure
 * Resource Manager's subscriptions, seeded from {@code sandbox.yml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

    /** Its settings file is {@code sandbox-server.yml}, so that it can run embedded beside another app's {@code application.yml}. */
    public static final String CONFIG_NAME = "sandbox-server";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The sandbox as a {@link SpringApplication}, for running it embedded (tests of the other modules do). */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(SandboxApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
