package dev.obo.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which instance of the web app serves a page, shown in its footer so that a person behind a
 * load balancer sees it: {@code obo.web.instance-name} ({@code INSTANCE_NAME}), else
 * {@code <hostname>:<port>} with the port the server listens on. The footer reads it as the bean
 * {@code instanceName}, so that every page has it, those of exception handlers and error pages included.
 */
@Component
public class InstanceName {

    private final String configured;
    private final String hostname;
    private final Environment environment;

    InstanceName(WebProperties properties, Environment environment) {
        this.configured = properties.instanceName();
        this.environment = environment;
        this.hostname = hostname();
    }

    public String value() {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        // Known once the server listens (a random port in tests).
        return hostname + ":" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
