using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>
/// How external visitors reach the app (<c>frontend:ingress</c>): the hostnames they use and the ingress
/// gateway(s) that carry them. The VirtualService binds to those gateways and to <c>mesh</c>, so external
/// visitors get the same match routes, stickiness and split as in-mesh callers.
/// </summary>
internal sealed record IngressConfig
{
    [Description("External hostnames (www.example.com, or *.example.com), added to the VirtualService's hosts.")]
    public IReadOnlyList<string> Hosts { get; init; } = [];

    [Description("Shared gateways that carry the hosts, as <namespace>/<name> (usually the platform team's).")]
    public IReadOnlyList<string> Gateways { get; init; } = [];

    [Description("A Gateway this stack declares itself for the hosts; unset declares none.")]
    public GatewayConfig? Gateway { get; init; }
}

/// <summary>
/// An Istio Gateway of the stack's own, in the app's namespace: HTTPS on 443 with a TLS credential, and HTTP
/// on 80 that redirects to HTTPS. Its hosts are the ingress hosts, so it always covers them.
/// </summary>
internal sealed record GatewayConfig
{
    [Description("The Secret holding the certificate and key, in the ingress gateway workload's namespace.")]
    public required string CredentialName { get; init; }

    [Description("The ingress gateway pods to configure; Istio's default installation labels them istio: ingressgateway.")]
    public IReadOnlyDictionary<string, string> Selector { get; init; } = new Dictionary<string, string> { ["istio"] = "ingressgateway" };

    [Description("Plain HTTP on port 80 answers with a redirect to HTTPS; false serves nothing on port 80.")]
    public bool HttpsRedirect { get; init; } = true;
}

/// <summary>The rules for <see cref="IngressConfig"/>, as Istio's webhook applies them to Gateways and VirtualServices.</summary>
internal static partial class IngressRules
{
    /// <summary>Istio's name for the sidecars as a gateway; the VirtualService always binds to it, so config never names it.</summary>
    public const string MeshGateway = "mesh";

    public static void Validate(StackConfig config, Problems problems)
    {
        if (config.Ingress is not { } ingress)
        {
            return;
        }

        var root = ConfigPath.Root("ingress");
        if (ingress.Hosts.Count == 0)
        {
            problems.Error(root.Property("hosts"), "must list at least one external hostname; without one no gateway can route to the app", "[]", root.Property("hosts").Index(0).SetCommand("www.example.com"));
        }

        Unique(root.Property("hosts"), ingress.Hosts, problems, (path, host) => Host(path, host, problems));
        Overlapping(root.Property("hosts"), ingress.Hosts, $"{config.App.Name}.{config.Namespace.Name}.svc.cluster.local", problems);
        Unique(root.Property("gateways"), ingress.Gateways, problems, (path, reference) => GatewayReference(path, reference, problems));
        if (ingress.Gateways.Count == 0 && ingress.Gateway is null)
        {
            problems.Error(root, "names no gateway: the hosts need one to reach the app", "(no gateways, no gateway)", $"{root.Property("gateways").Index(0).SetCommand("istio-ingress/public-gateway")} (a shared gateway), or {root.Property("gateway").Property("credentialName").SetCommand("<tls-secret>")} (a Gateway of the stack's own)");
        }

        if (ingress.Gateway is { } gateway)
        {
            ValidateGateway(root.Property("gateway"), gateway, problems);
        }
    }

    private static void Unique(ConfigPath list, IReadOnlyList<string> values, Problems problems, Action<ConfigPath, string> validate)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            validate(list.Index(i), values[i]);
            if (!seen.Add(values[i]))
            {
                problems.Error(list.Index(i), "must not repeat an earlier entry", ConfigValue.Show(values[i]), list.Index(i).RemoveCommand());
            }
        }
    }

    /// <summary>
    /// Istio refuses a VirtualService whose hosts match one another ("duplicate hosts in virtual service"): a
    /// wildcard covers every name under it (<c>*.example.com</c> covers <c>www.example.com</c>), and the Service's
    /// own cluster-local name is always among the hosts.
    /// </summary>
    private static void Overlapping(ConfigPath list, IReadOnlyList<string> hosts, string serviceHost, Problems problems)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i].ToLowerInvariant();
            var other = Matches(host, serviceHost) ? $"the Service's own host {serviceHost}, which the VirtualService always lists" : null;
            for (var j = 0; other is null && j < i; j++)
            {
                var earlier = hosts[j].ToLowerInvariant();
                if (earlier != host && Matches(host, earlier))
                {
                    other = $"'{hosts[j]}' (ingress.hosts[{j}])";
                }
            }

            if (other is not null)
            {
                problems.Error(list.Index(i), $"overlaps {other}: Istio refuses a VirtualService whose hosts match one another (a wildcard covers every name under it)", ConfigValue.Show(hosts[i]), list.Index(i).RemoveCommand());
            }
        }
    }

    /// <summary>Whether one host name covers the other, as Istio's host matching does.</summary>
    private static bool Matches(string a, string b) =>
        a == b || Covers(a, b) || Covers(b, a);

    private static bool Covers(string wildcard, string name) =>
        wildcard.StartsWith("*.", StringComparison.Ordinal) && name.EndsWith(wildcard[1..], StringComparison.Ordinal);

    /// <summary>
    /// A DNS name of labels of at most 63 letters, digits and '-', at most 253 characters, with a wildcard
    /// only as a whole leading label (<c>*.example.com</c>), as Istio validates VirtualService and Gateway hosts.
    /// A lone <c>*</c> is refused: Istio rejects it for a VirtualService bound to <c>mesh</c>. Lower case only:
    /// hosts match case-insensitively, and one spelling keeps the manifests and their diffs stable.
    /// </summary>
    private static void Host(ConfigPath path, string host, Problems problems)
    {
        var labels = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..].Split('.') : host.Split('.');
        var valid = host.Length <= 253 && labels.Length >= 1 && labels.All(label => Names.IsDns1123Label(label));
        if (!valid)
        {
            var fix = host.ToLowerInvariant().Trim().TrimEnd('.');
            problems.Error(path, "must be a lower-case DNS name (labels of letters, digits and '-'), with a wildcard only as a leading '*.'", ConfigValue.Show(host), path.SetCommand(fix.Length > 0 && fix != host ? fix : "www.example.com"));
        }
    }

    /// <summary><c>&lt;namespace&gt;/&lt;name&gt;</c>, both DNS-1123 labels: a gateway in another namespace must be named with its namespace.</summary>
    private static void GatewayReference(ConfigPath path, string reference, Problems problems)
    {
        var parts = reference.Split('/');
        if (parts is not [var ns, var name] || !Names.IsDns1123Label(ns) || !Names.IsDns1123Label(name))
        {
            var rule = reference == MeshGateway
                ? "must not be 'mesh': the VirtualService always binds to the sidecars; list only ingress gateways"
                : "must be '<namespace>/<name>' of an Istio Gateway, both DNS-1123 labels (lower-case letters, digits and '-')";
            problems.Error(path, rule, ConfigValue.Show(reference), reference == MeshGateway ? path.RemoveCommand() : path.SetCommand("istio-ingress/public-gateway"));
        }
    }

    private static void ValidateGateway(ConfigPath path, GatewayConfig gateway, Problems problems)
    {
        var credential = path.Property("credentialName");
        if (!SecretName().IsMatch(gateway.CredentialName) || gateway.CredentialName.Length > 253)
        {
            problems.Error(credential, "must name the Kubernetes Secret that holds the TLS certificate and key (a DNS-1123 subdomain); HTTPS needs a credential", ConfigValue.Show(gateway.CredentialName), credential.SetCommand("frontend-tls"));
        }

        var selector = path.Property("selector");
        if (gateway.Selector.Count == 0)
        {
            problems.Error(selector, "must select the ingress gateway pods: an empty selector matches every gateway workload in the mesh", "{}", selector.Property("istio").SetCommand("ingressgateway"));
        }

        foreach (var (key, value) in gateway.Selector)
        {
            if (!LabelKey().IsMatch(key) || key.Length > 316 || value.Length > 0 && !(value.Length <= Names.MaxLabelLength && LabelValue().IsMatch(value)))
            {
                problems.Error(selector.Property(key), "must be a Kubernetes label (a key and a value of letters, digits, '-', '_' and '.')", ConfigValue.Show(value), selector.Property("istio").SetCommand("ingressgateway"));
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKey();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
