using k8s.Models;

namespace Platform.Deployment.Tests;

/// <summary>
/// Whether the rendered NetworkPolicies let one pod open a connection to another, as Kubernetes
/// decides it: a pod selected by no policy of a direction is open in that direction; a selected
/// pod admits only what one of its policies' rules allows. <c>null</c> labels stand for a peer
/// outside the namespace (an ingress controller, a caller, a database elsewhere).
/// </summary>
internal static class NetworkPolicies
{
    public static bool Reaches(Rendered rendered, IDictionary<string, string>? from, IDictionary<string, string>? to, int port) =>
        (from is null || Allowed(rendered, from, "Egress", to, port)) && (to is null || Allowed(rendered, to, "Ingress", from, port));

    private static bool Allowed(Rendered rendered, IDictionary<string, string> pod, string direction, IDictionary<string, string>? peer, int port)
    {
        var policies = rendered.OfKind<V1NetworkPolicy>()
            .Where(p => (p.Spec.PolicyTypes ?? ["Ingress"]).Contains(direction) && Selects(p.Spec.PodSelector, pod))
            .ToList();
        if (policies.Count == 0)
        {
            return true;
        }
        return policies.Any(policy => direction == "Ingress"
            ? (policy.Spec.Ingress ?? []).Any(rule => Admits(rule.FromProperty, rule.Ports, peer, port))
            : (policy.Spec.Egress ?? []).Any(rule => Admits(rule.To, rule.Ports, peer, port)));
    }

    private static bool Admits(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports, IDictionary<string, string>? peer, int port) =>
        (ports is null || ports.Count == 0 || ports.Any(p => p.Port is null || p.Port.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        && (peers is null || peers.Count == 0 || peers.Any(p => Matches(p, peer)));

    /// <summary>A peer rule selects in-namespace pods by podSelector alone, and others by namespace or address.</summary>
    private static bool Matches(V1NetworkPolicyPeer rule, IDictionary<string, string>? peer) => peer is null
        ? rule.NamespaceSelector is not null || rule.IpBlock is not null
        : rule.NamespaceSelector is null && rule.IpBlock is null && Selects(rule.PodSelector, peer);

    private static bool Selects(V1LabelSelector? selector, IDictionary<string, string> labels) =>
        selector is not null
        && (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
        && (selector.MatchExpressions ?? []).Count == 0;
}
