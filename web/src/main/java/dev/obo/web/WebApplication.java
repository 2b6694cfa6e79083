package dev.obo.web;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The web app: signs the user in with Entra ID, calls the API with the user's token, shows the subscriptions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    /** Its settings file is {@code web-server.yml}, so that it can run embedded beside the other apps. */
    public static final String CONFIG_NAME = "web-server";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(WebApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
