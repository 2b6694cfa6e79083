package dev.obo.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's model, error pages included, has {@code instance}: the {@link InstanceName} that the footer shows. */
@ControllerAdvice
class InstanceNameAdvice {

    private final InstanceName instance;

    InstanceNameAdvice(InstanceName instance) {
        this.instance = instance;
    }

    @ModelAttribute("instance")
    String instance() {
        return instance.value();
    }
}
