using System.Globalization;
using System.Text.RegularExpressions;

namespace Frontend.Infra.Configuration;

/// <summary>
/// The rules for <c>frontend:mesh</c> and for what the Gateway API (v1.5.1, as Istio 1.30 reads it) can carry of the
/// rest of the config. A combination the API server would refuse, or that Istio would accept and then ignore, is
/// refused here with the reason: the stack never declares routes that silently do less than the config says.
/// </summary>
internal static partial class GatewayApiRules
{
    public const string Key = "mesh";

    /// <summary>Istio adds these to an HTTPRoute's <c>retry</c> on its own: Gateway API implementations should retry connection errors once a rule has a retry stanza.</summary>
    public static readonly IReadOnlyList<string> ImpliedRetryConditions = ["connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"];

    /// <summary>The status codes an HTTPRoute's <c>retry.codes</c> takes (the CRD's range).</summary>
    public const int MinRetryCode = 400;
    public const int MaxRetryCode = 599;

    /// <summary>Whether the in-mesh routes are HTTPRoutes to a Service per version.</summary>
    public static bool UsesGatewayApi(StackConfig config) => config.Mesh.Api == MeshApis.GatewayApi;

    public static bool IsAmbient(StackConfig config) => config.Mesh.Dataplane == MeshDataplanes.Ambient;

    /// <summary>The API of the external routes: <c>ingress.api</c>, else the mesh's.</summary>
    public static string IngressApi(StackConfig config) => config.Ingress?.Api ?? config.Mesh.Api;

    public static bool HasExperimentalChannel(StackConfig config) => config.Mesh.GatewayApiChannel == GatewayApiChannels.Experimental;

    public static void Validate(StackConfig config, Problems problems)
    {
        var root = ConfigPath.Root(Key);
        var mesh = config.Mesh;
        // gateway-api needs a channel too: a fix that sets only the API would trade one refusal for another.
        var apiValid = RuleChecks.OneOf(root.Property("api"), mesh.Api, MeshApis.All, problems, fix => fix == MeshApis.GatewayApi && mesh.GatewayApiChannel is null ? $" && {root.Property("gatewayApiChannel").SetCommand(GatewayApiChannels.Standard)}" : "");
        var dataplaneValid = RuleChecks.OneOf(root.Property("dataplane"), mesh.Dataplane, MeshDataplanes.All, problems);
        if (mesh.GatewayApiChannel is { } channel)
        {
            RuleChecks.OneOf(root.Property("gatewayApiChannel"), channel, GatewayApiChannels.All, problems);
        }

        if (!apiValid || !dataplaneValid)
        {
            return;
        }

        if (IsAmbient(config) && !UsesGatewayApi(config))
        {
            problems.Error(
                root.Property("dataplane"),
                "needs mesh.api gateway-api: in ambient mode the waypoint applies L7 routes from the Gateway API only (a VirtualService there is a preview, and Istio says not to mix the two)",
                ConfigValue.Show(mesh.Dataplane),
                $"{root.Property("api").SetCommand(MeshApis.GatewayApi)} (and {root.Property("gatewayApiChannel").SetCommand(GatewayApiChannels.Standard)}), or {root.Property("dataplane").SetCommand(MeshDataplanes.Sidecar)}");
        }

        if (UsesGatewayApi(config) && mesh.GatewayApiChannel is null)
        {
            problems.Error(
                root.Property("gatewayApiChannel"),
                "is required with mesh.api gateway-api, and has no default: it says which Gateway API CRDs the cluster has (standard, or experimental with retries), so that a field the cluster would drop is refused here instead",
                "(not set)",
                $"{root.Property("gatewayApiChannel").SetCommand(GatewayApiChannels.Standard)}, or {root.Property("gatewayApiChannel").SetCommand(GatewayApiChannels.Experimental)}");
        }
        else if (!UsesGatewayApi(config) && mesh.GatewayApiChannel is not null)
        {
            problems.Error(root.Property("gatewayApiChannel"), "applies only with mesh.api gateway-api; with istio no Gateway API resource is declared, so it would be ignored", ConfigValue.Show(mesh.GatewayApiChannel), root.Property("gatewayApiChannel").RemoveCommand());
        }

        if (mesh.Waypoint is { } waypoint)
        {
            if (!IsAmbient(config))
            {
                problems.Error(root.Property("waypoint"), "applies only with mesh.dataplane ambient: sidecars apply the routes themselves, so a waypoint would be ignored", "(set)", root.Property("waypoint").RemoveCommand());
            }
            else if (!Names.IsDns1123Label(waypoint.Name))
            {
                problems.Error(root.Property("waypoint").Property("name"), "must be a DNS-1123 label (it names the waypoint Gateway, and the istio.io/use-waypoint label's value)", ConfigValue.Show(waypoint.Name), root.Property("waypoint").Property("name").SetCommand("waypoint"));
            }
            else if (waypoint.Create && waypoint.Name == config.App.Name && config.Ingress?.Gateway is not null)
            {
                problems.Error(root.Property("waypoint").Property("name"), $"must differ from app.name ('{config.App.Name}'): the stack's own ingress Gateway takes that name in the same namespace", ConfigValue.Show(waypoint.Name), root.Property("waypoint").Property("name").SetCommand("waypoint"));
            }
        }

        ValidateIngressApi(config, problems);
        if (UsesGatewayApi(config))
        {
            ValidateRoutes(config, problems);
        }
    }

    private static void ValidateIngressApi(StackConfig config, Problems problems)
    {
        if (config.Ingress is not { } ingress)
        {
            return;
        }

        var path = ConfigPath.Root("ingress").Property("api");
        if (ingress.Api is { } api && !RuleChecks.OneOf(path, api, MeshApis.ForIngress, problems))
        {
            return;
        }

        var ingressApi = IngressApi(config);
        if (MeshApis.IncludesGatewayApi(ingressApi) && !UsesGatewayApi(config))
        {
            problems.Error(path, $"may be {ingressApi} only with mesh.api gateway-api: the external HTTPRoute sends requests to a Service per version, which only that declares", ConfigValue.Show(ingressApi), $"{path.RemoveCommand()}, or {ConfigPath.Root(Key).Property("api").SetCommand(MeshApis.GatewayApi)}");
        }
        else if (MeshApis.IncludesIstio(ingressApi) && IsAmbient(config))
        {
            problems.Error(path, "must be gateway-api in ambient mode: a VirtualService is only a preview there, and Istio says not to mix it with the Gateway API routes the waypoint applies", ConfigValue.Show(ingressApi), path.RemoveCommand());
        }

        if (ingress.Gateway is { } gateway)
        {
            var selector = ConfigPath.Root("ingress").Property("gateway").Property("selector");
            if (ingressApi == MeshApis.GatewayApi && gateway.Selector.Count > 0)
            {
                problems.Error(selector, "must not be set with the Gateway API: Istio deploys a Gateway API Gateway's own proxy pods (class istio) in the app's namespace, so there are no pods to select and the selector would be ignored", "(set)", selector.RemoveCommand());
            }
        }
    }

    /// <summary>What an HTTPRoute can carry of the routes: the port's protocol, header values, timeouts and retries, by channel.</summary>
    private static void ValidateRoutes(StackConfig config, Problems problems)
    {
        var portName = ConfigPath.Root("app").Property("portName");
        if (PortProtocolRules.KindOf(config.App.PortName) == RouteKind.Tcp)
        {
            problems.Error(
                portName,
                "names a TCP port, which the Gateway API splits only with a TCPRoute: that kind is in the experimental channel alone (v1alpha2), and Istio reads it only when istiod runs with PILOT_ENABLE_ALPHA_GATEWAY_API=true, so this stack does not declare one",
                ConfigValue.Show(config.App.PortName),
                $"{ConfigPath.Root(Key).Property("api").SetCommand(MeshApis.Istio)} (a weighted tcp route), or {portName.SetCommand("http")}");
        }

        RouteSizes(config, problems);
        var experimental = HasExperimentalChannel(config);
        var routing = ConfigPath.Root("routing");
        for (var i = 0; i < config.Routing.Matches.Count; i++)
        {
            var match = config.Routing.Matches[i];
            var path = routing.Property("matches").Index(i);
            if (match.Header is not { } header)
            {
                continue;
            }

            foreach (var (key, value) in new[] { ("exact", header.Exact), ("prefix", header.Prefix), ("regex", header.Regex) })
            {
                var valuePath = path.Property("header").Property(key);
                if (value is not { Length: > 0 })
                {
                    continue;
                }

                // A prefix is emitted as the regex <prefix>.*: quoted, and two characters longer.
                var emitted = key == "prefix" ? Re2Syntax.Quote(value).Length + 2 : value.Length;
                if (emitted > MaxHeaderValueLength)
                {
                    problems.Error(valuePath, $"must be at most {MaxHeaderValueLength} characters as an HTTPRoute header match ({emitted} here{(key == "prefix" ? ", as the regex <prefix>.*" : "")}): the Gateway API schema refuses longer values", $"{value.Length} characters", $"a shorter value, or {ConfigPath.Root(Key).Property("api").SetCommand(MeshApis.Istio)}");
                }
                else if (experimental && !ExperimentalHeaderValue().IsMatch(value))
                {
                    problems.Error(valuePath, "must be printable ASCII with single spaces between words: the Gateway API's experimental channel refuses any other header value", ConfigValue.Show(value), valuePath.SetCommand($"'{string.Join(' ', value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))}'"));
                }
            }
        }

        Duration(routing.Property("timeout"), config.Routing.Timeout, problems);
        ValidateRetries(config, experimental, problems);
    }

    /// <summary>
    /// The HTTPRoute schema's limits (in both channels): at most 16 rules, 16 backendRefs in a rule, 16 hostnames and 32
    /// parentRefs. One route must hold the whole plan: Gateway API implementations order rules of different routes by
    /// creation time and name, not by the plan, so splitting it over several routes would reorder testers and cookies.
    /// </summary>
    private static void RouteSizes(StackConfig config, Problems problems)
    {
        var weighted = config.Versions.Count(v => v.Weight > 0);
        if (weighted > MaxRouteItems)
        {
            problems.Error(ConfigPath.Root("versions"), $"gives {weighted} versions a weight, and an HTTPRoute rule holds at most {MaxRouteItems} backends: the Gateway API schema refuses more", $"{weighted} weighted versions", $"give at most {MaxRouteItems} versions a weight (the others 0, the weights still adding up to 100), or {ConfigPath.Root(Key).Property("api").SetCommand(MeshApis.Istio)}");
        }

        var rules = RuleCount(config);
        if (rules > MaxRouteItems)
        {
            var path = config.Stickiness is not null && config.Routing.Matches.Count + 1 <= MaxRouteItems ? ConfigPath.Root("stickiness") : ConfigPath.Root("routing").Property("matches");
            problems.Error(
                path,
                $"makes the HTTPRoute {rules} rules long (the match routes, with stickiness a cookie route per weighted version, and the split), and the Gateway API schema allows at most {MaxRouteItems} in one route",
                $"{rules} rules",
                $"at most {MaxRouteItems - 1} rules besides the split: fewer match routes, or fewer weighted versions with stickiness (or no stickiness), or {ConfigPath.Root(Key).Property("api").SetCommand(MeshApis.Istio)}");
        }

        if (config.Ingress is { } ingress)
        {
            if (ingress.Hosts.Count > MaxRouteItems)
            {
                problems.Error(ConfigPath.Root("ingress").Property("hosts"), $"lists {ingress.Hosts.Count} hosts, and an HTTPRoute holds at most {MaxRouteItems} hostnames", $"{ingress.Hosts.Count} hosts", $"list at most {MaxRouteItems} (a wildcard such as *.example.com covers many), or {ConfigPath.Root(Key).Property("api").SetCommand(MeshApis.Istio)}");
            }

            var parents = ingress.Gateways.Count + (ingress.Gateway is null ? 0 : 1);
            if (parents > MaxParents)
            {
                problems.Error(ConfigPath.Root("ingress").Property("gateways"), $"names {parents} gateways with the stack's own, and an HTTPRoute holds at most {MaxParents} parentRefs", $"{parents} gateways", $"name at most {MaxParents}");
            }
        }
    }

    /// <summary>The rules of the plan: the match routes, a cookie route per weighted version with stickiness, and the split.</summary>
    private static int RuleCount(StackConfig config) =>
        config.Routing.Matches.Count + (config.Stickiness is null ? 0 : config.Versions.Count(v => v.Weight > 0)) + 1;

    private const int MaxRouteItems = 16;
    private const int MaxHeaderValueLength = 4096;
    private const int MaxParents = 32;

    private static void Duration(ConfigPath path, string? value, Problems problems)
    {
        if (value is not null && IstioDuration.IsWholeMilliseconds(value) && GatewayApiDuration.From(value) is null)
        {
            problems.Error(path, "must be below 100000h: the Gateway API's durations have at most five digits per unit", ConfigValue.Show(value), path.SetCommand("99999h"));
        }
    }

    /// <summary>
    /// Retries are only in the experimental channel (<c>rules[].retry</c>, GEP-1731), and take status codes only; Istio
    /// adds the connection-error conditions itself. A standard-channel rule with no <c>retry</c> gets Istio's mesh-wide
    /// default (2 attempts on connect-failure, refused-stream, unavailable, cancelled), which no config here can change.
    /// </summary>
    private static void ValidateRetries(StackConfig config, bool experimental, Problems problems)
    {
        if (config.Routing.Retries is not { } retries)
        {
            return;
        }

        var path = ConfigPath.Root("routing").Property("retries");
        if (!experimental)
        {
            problems.Error(
                path,
                "needs mesh.gatewayApiChannel experimental: an HTTPRoute's retry field is in the experimental channel only, and a standard-channel cluster refuses it under server-side apply (or drops it without a word); without it, Istio applies its mesh default of 2 attempts on connection errors",
                "(set)",
                $"{path.RemoveCommand()} (Istio's default retries), or {ConfigPath.Root(Key).Property("gatewayApiChannel").SetCommand(GatewayApiChannels.Experimental)} once the cluster has the experimental CRDs");
            return;
        }

        if (retries.RetryOn is { } retryOn)
        {
            var conditions = retryOn.Split(',');
            var refused = conditions.Where(c => !ImpliedRetryConditions.Contains(c) && RetryCode(c) is null).ToList();
            if (refused.Count > 0)
            {
                var codes = conditions.Select(RetryCode).OfType<int>().Select(c => c.ToString(CultureInfo.InvariantCulture)).ToList();
                problems.Error(
                    path.Property("retryOn"),
                    $"can hold only HTTP status codes from {MinRetryCode} to {MaxRetryCode} with the Gateway API (its retry takes codes; Istio adds {string.Join(",", ImpliedRetryConditions.SkipLast(1))} itself); not: {string.Join(", ", refused.Select(r => $"'{r}'"))}",
                    ConfigValue.Show(retryOn),
                    path.Property("retryOn").SetTextCommand(codes.Count > 0 ? string.Join(',', codes) : "503"));
            }
        }

        if (retries.PerTryTimeout is { } perTry && config.Routing.Timeout is { } timeout
            && IstioDuration.TryParse(perTry, out var perTryDuration) && IstioDuration.TryParse(timeout, out var timeoutDuration) && perTryDuration > timeoutDuration)
        {
            problems.Error(path.Property("perTryTimeout"), $"must not exceed routing.timeout ({timeout}) with the Gateway API: it becomes the rule's timeouts.backendRequest, which the HTTPRoute schema refuses longer than timeouts.request", ConfigValue.Show(perTry), path.Property("perTryTimeout").SetCommand(timeout));
        }

        Duration(path.Property("perTryTimeout"), retries.PerTryTimeout, problems);
    }

    /// <summary>The status code a retryOn entry names, when an HTTPRoute's retry can take it.</summary>
    public static int? RetryCode(string condition) =>
        condition.Length == 3 && int.TryParse(condition, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= MinRetryCode and <= MaxRetryCode ? code : null;

    /// <summary>The experimental channel's pattern for header values (in matches and header filters).</summary>
    [GeneratedRegex(@"^[!-~]+([\t ]?[!-~]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExperimentalHeaderValue();
}
