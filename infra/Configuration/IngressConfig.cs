using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>
/// How external visitors reach the app (<c>frontend:ingress</c>): the hostnames they use and the ingress
/// gateway(s) that carry them. A VirtualService of their own binds them to those gateways only (never to <c>mesh</c>,
/// so in-mesh calls to a public host keep going through the gateway), with the same routes as the in-mesh one.
/// </summary>
internal sealed record IngressConfig
{
    [Description("External hostnames (www.example.com, or *.example.com): the ingress VirtualService's hosts. Never the app's own Service, in any spelling (frontend, frontend.<ns>, frontend.<ns>.svc, the FQDN).")]
    public IReadOnlyList<string> Hosts { get; init; } = [];

    [Description("Shared gateways that carry the hosts, as <namespace>/<name> (usually the platform team's).")]
    public IReadOnlyList<string> Gateways { get; init; } = [];

    [Description("A Gateway this stack declares itself for the hosts; unset declares none.")]
    public GatewayConfig? Gateway { get; init; }

    [Description("The API of the external routes and gateways: istio, gateway-api or both. Unset: mesh.api. For a migration while mesh.api is gateway-api: istio keeps the ingress VirtualService and Istio Gateway (now routing to the version Services), both adds the Gateway API's beside them so DNS can move, and unset then retires the Istio ones (README: Gateway API and ambient mode).")]
    public string? Api { get; init; }
}

/// <summary>
/// An Istio Gateway of the stack's own, in the app's namespace: HTTPS on 443 with a TLS credential, and HTTP
/// on 80 that redirects to HTTPS. Its hosts are the ingress hosts, so it always covers them. Its selector has no
/// default: the two common installs label the gateway pods differently, and a guess that matches nothing fails silently.
/// </summary>
internal sealed record GatewayConfig
{
    [Description("The Secret holding the certificate and key: with the istio API in the ingress gateway workload's namespace, with the Gateway API in the app's namespace (the Gateway's own).")]
    public required string CredentialName { get; init; }

    [Description("Required with the istio API, refused with the Gateway API (whose Gateway gets its own proxy pods): the labels of the ingress gateway pods to configure (kubectl get pods -n <gateway namespace> --show-labels). istioctl installs label them istio: ingressgateway; the Helm gateway chart labels them istio: <release name minus \"istio-\">, e.g. istio: ingress. A selector that matches no pod configures nothing, silently.")]
    public IReadOnlyDictionary<string, string> Selector { get; init; } = new Dictionary<string, string>();

    [Description("Plain HTTP on port 80 answers with a redirect to HTTPS; false serves nothing on port 80.")]
    public bool HttpsRedirect { get; init; } = true;
}

/// <summary>The rules for <see cref="IngressConfig"/>, as Istio's webhook applies them to Gateways and VirtualServices.</summary>
internal static partial class IngressRules
{
    /// <summary>Istio's name for the sidecars as a gateway; the in-mesh VirtualService binds it and the ingress one never does, so config never names it.</summary>
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
        Overlapping(root.Property("hosts"), ingress.Hosts, config.App.Name, config.Namespace.Name, problems);
        Unique(root.Property("gateways"), ingress.Gateways, problems, (path, reference) => GatewayReference(path, reference, problems));
        if (ingress.Gateways.Count == 0 && ingress.Gateway is null)
        {
            problems.Error(root, "names no gateway: the hosts need one to reach the app", "(no gateways, no gateway)", $"{root.Property("gateways").Index(0).SetCommand("istio-ingress/public-gateway")} (a shared gateway), or {root.Property("gateway").Property("credentialName").SetCommand("<tls-secret>")} (a Gateway of the stack's own)");
        }

        if (ingress.Gateway is { } gateway)
        {
            // A Gateway API Gateway gets its own proxy pods: there is nothing to select (GatewayApiRules refuses a selector there).
            ValidateGateway(root.Property("gateway"), gateway, needsSelector: MeshApis.IncludesIstio(GatewayApiRules.IngressApi(config)), problems);
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
    /// A host that names the app's own Service is refused in every spelling Istio resolves to it: a short name is read
    /// in the VirtualService's namespace (<c>frontend</c>, <c>frontend.&lt;ns&gt;</c>, <c>frontend.&lt;ns&gt;.svc</c> all
    /// mean the cluster-local FQDN), and a wildcard covers every name under it. The Service host belongs to the mesh
    /// VirtualService; on the ingress one it would be a second claim on it. Then, as Istio refuses a VirtualService
    /// whose hosts match one another ("duplicate hosts in virtual service"), a host that an earlier one covers.
    /// </summary>
    private static void Overlapping(ConfigPath list, IReadOnlyList<string> hosts, string app, string ns, Problems problems)
    {
        var serviceHost = $"{app}.{ns}.svc.cluster.local";
        var shortForms = new[] { app, $"{app}.{ns}", $"{app}.{ns}.svc" };
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i].ToLowerInvariant();
            if (shortForms.Contains(host) || Matches(host, serviceHost))
            {
                var reading = host == serviceHost || host.StartsWith("*.", StringComparison.Ordinal) ? "" : $" (Istio reads '{host}' in the VirtualService's namespace as {serviceHost})";
                problems.Error(list.Index(i), $"names the app's own Service{reading}: in-mesh callers reach it through the mesh VirtualService, and an ingress host must be an external name such as www.example.com", ConfigValue.Show(hosts[i]),
                    // Removing the only host would leave an empty list, which is refused in turn: name an external host instead.
                    hosts.Count == 1 ? list.Index(i).SetCommand("www.example.com") : list.Index(i).RemoveCommand());
                continue;
            }

            for (var j = 0; j < i; j++)
            {
                var earlier = hosts[j].ToLowerInvariant();
                if (earlier != host && Matches(host, earlier))
                {
                    problems.Error(list.Index(i), $"overlaps '{hosts[j]}' (ingress.hosts[{j}]): Istio refuses a VirtualService whose hosts match one another (a wildcard covers every name under it)", ConfigValue.Show(hosts[i]), list.Index(i).RemoveCommand());
                    break;
                }
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
                ? "must not be 'mesh': the in-mesh VirtualService binds the sidecars, and the ingress one binds only ingress gateways; list only those"
                : "must be '<namespace>/<name>' of an Istio Gateway, both DNS-1123 labels (lower-case letters, digits and '-')";
            problems.Error(path, rule, ConfigValue.Show(reference), reference == MeshGateway ? path.RemoveCommand() : path.SetCommand("istio-ingress/public-gateway"));
        }
    }

    private static void ValidateGateway(ConfigPath path, GatewayConfig gateway, bool needsSelector, Problems problems)
    {
        var credential = path.Property("credentialName");
        if (!SecretName().IsMatch(gateway.CredentialName) || gateway.CredentialName.Length > 253)
        {
            problems.Error(credential, "must name the Kubernetes Secret that holds the TLS certificate and key (a DNS-1123 subdomain); HTTPS needs a credential", ConfigValue.Show(gateway.CredentialName), credential.SetCommand("frontend-tls"));
        }

        var selector = path.Property("selector");
        if (gateway.Selector.Count == 0 && needsSelector)
        {
            problems.Error(
                selector,
                "must name the labels of the ingress gateway pods this Gateway configures, and has no default: istioctl installs label them istio: ingressgateway, the Helm gateway chart istio: <release name minus \"istio-\"> (e.g. istio: ingress), and a selector that matches no pod configures nothing, silently; find them with kubectl get pods -n <gateway namespace> --show-labels",
                "(not set)",
                $"{selector.Property("istio").SetCommand("ingress")} (Helm release istio-ingress), or {selector.Property("istio").SetCommand("ingressgateway")} (istioctl install)");
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
