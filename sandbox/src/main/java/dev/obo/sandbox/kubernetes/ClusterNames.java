package dev.obo.sandbox.kubernetes;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Cluster names as DNS labels (RFC 1123), as AKS and Kubernetes name clusters; any other is not found. */
final class ClusterNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private ClusterNames() {
    }

    static String checked(String cluster) {
        if (!LABEL.matcher(cluster).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no cluster named " + cluster);
        }
        return cluster;
    }
}
