package dev.obo.sandbox.identity.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of Entra's JSON endpoints (token, discovery): its refusals are rendered
 * as Entra's error JSON by {@link EntraErrorAdvice}. The pages a browser sees answer with the
 * error page instead, and ARM and Graph in their own JSON.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EntraEndpoint {
}
