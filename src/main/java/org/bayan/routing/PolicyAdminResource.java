package org.bayan.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.PolicyFiles;
import org.bayan.common.ProblemException;
import org.bayan.reply.CannedResponseStore;
import org.bayan.security.Role;
import org.bayan.sla.SlaPolicy;
import org.bayan.sla.SlaPolicyStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desk's policy files (routing rules, SLA policies, canned responses): where each was read from, and a
 * reload. A file with an error is refused with the reason; the policies in force stay.
 */
@Path("/api/v1/admin/config")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class PolicyAdminResource {

    @Inject
    RoutingRuleStore routing;

    @Inject
    SlaPolicyStore sla;

    @Inject
    CannedResponseStore canned;

    public record PolicyView(String name, String queue, String priority, String firstResponse, String resolution,
                             String calendar) {
    }

    public record ConfigView(Map<String, String> sources, List<String> queues, List<String> rules,
                             List<PolicyView> slaPolicies, int cannedResponses) {
    }

    @GET
    public ConfigView current() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("routing", routing.source());
        sources.put("sla", sla.source());
        sources.put("cannedResponses", canned.source());
        return new ConfigView(sources, routing.current().queues(), routing.current().ruleNames(),
                sla.current().all().stream().map(PolicyAdminResource::view).toList(), canned.current().all().size());
    }

    /** Reloads all three files; the first invalid one stops the reload with 400 (files before it are in force). */
    @POST
    @Path("/reload")
    public ConfigView reload() {
        try {
            routing.reload();
            sla.reload();
            canned.reload();
        } catch (PolicyFiles.InvalidPolicyException e) {
            throw ProblemException.badRequest(e.getMessage(), null);
        }
        return current();
    }

    private static PolicyView view(SlaPolicy p) {
        return new PolicyView(p.name(), p.queue(), p.priority(), p.firstResponse().toString(),
                p.resolution() == null ? null : p.resolution().toString(), p.calendar().name());
    }
}
