package dev.obo.samples.minimal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest API on the starter: its whole setup is {@code application.yml}. */
@SpringBootApplication
public class MinimalApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(MinimalApiApplication.class, args);
    }
}
