using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Audit;

/// <summary>
/// The rules docs/istio-audit.md lists as found by auditing Istio 1.30's validation: each is refused (or
/// accepted) before anything is declared, with the full message a person reads.
/// </summary>
public sealed class IstioAuditTests
{
    private static string[] Messages(StackConfig config, string stack = "dev") =>
        [.. StackConfigValidator.Validate(config, stack).Where(p => p.IsError).Select(p => p.ToString())];

    private static StackConfig WithPolicy(TrafficPolicyConfig policy) => SampleConfigs.TwoVersions() with { TrafficPolicy = policy };

    private static StackConfig WithHeaderRegex(string regex) => SampleConfigs.TwoVersions() with
    {
        Routing = new RoutingConfig { Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x-user", Regex = regex }, Version = "v2" }] },
    };

    [Fact]
    public void Validate_MutualTlsWithoutCredentials_Refused()
    {
        var config = WithPolicy(new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "MUTUAL" } });

        Assert.Equal(
            ["frontend:trafficPolicy.tls = mode \"MUTUAL\" without credentialName, clientCertificate or privateKey: mode MUTUAL presents a client certificate, so it needs one: a credentialName (a Secret holding the certificate and key) or both clientCertificate and privateKey (files mounted in the sidecar); Istio refuses it without. Fix: pulumi config set --path 'trafficPolicy.tls.credentialName' frontend-client-tls (or pulumi config set --path 'trafficPolicy.tls.mode' ISTIO_MUTUAL for the mesh's own certificates)"],
            Messages(config));
    }

    [Fact]
    public void Validate_MutualTlsWithCertificateButNoKey_Refused()
    {
        var config = WithPolicy(new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "MUTUAL", ClientCertificate = "/etc/certs/client.pem" } });

        Assert.Equal(
            ["frontend:trafficPolicy.tls.privateKey = (not set): is required with mode MUTUAL and clientCertificate: the client certificate and its key go together. Fix: pulumi config set --path 'trafficPolicy.tls.privateKey' /etc/certs/client.key"],
            Messages(config));
    }

    [Fact]
    public void Validate_MutualTlsWithCredentialName_Accepted()
    {
        Assert.Empty(Messages(WithPolicy(new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "MUTUAL", CredentialName = "frontend-client-tls" } })));
    }

    [Fact]
    public void Validate_CredentialNameBesideCertificateFiles_Refused()
    {
        var config = WithPolicy(new TrafficPolicyConfig { Tls = new ClientTlsConfig { Mode = "SIMPLE", CredentialName = "frontend-ca", CaCertificates = "/etc/certs/ca.pem" } });

        Assert.Equal(
            ["frontend:trafficPolicy.tls.caCertificates = \"/etc/certs/ca.pem\": must not be set with credentialName: the Secret it names holds the certificate, key and CA (Istio refuses both). Fix: pulumi config rm --path 'trafficPolicy.tls.caCertificates'"],
            Messages(config));
    }

    [Fact]
    public void Validate_HeaderRegexWithUnbalancedParenthesis_Refused()
    {
        Assert.Equal(
            ["frontend:routing.matches[0].header.regex = \"^(beta|canary\": must be a regex RE2 accepts (Istio and Envoy compile header matches with RE2, which has no lookaround and no backreferences), but it has a '(' that is never closed (unbalanced parentheses). Fix: pulumi config set --path 'routing.matches[0].header.regex' '^(beta|canary)-.*$'"],
            Messages(WithHeaderRegex("^(beta|canary")));
    }

    [Fact]
    public void Validate_HeaderRegexWithLookahead_Refused()
    {
        Assert.Equal(
            ["frontend:routing.matches[0].header.regex = \"^(?!internal-).*$\": must be a regex RE2 accepts (Istio and Envoy compile header matches with RE2, which has no lookaround and no backreferences), but it uses a lookaround '(?!i' at position 2: RE2 has no lookahead or lookbehind. Fix: pulumi config set --path 'routing.matches[0].header.regex' '^(beta|canary)-.*$'"],
            Messages(WithHeaderRegex("^(?!internal-).*$")));
    }

    [Fact]
    public void Validate_RetriesOffButConfigured_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { Attempts = 0, PerTryTimeout = "2s", RetryOn = "5xx" } } };

        Assert.Equal(
            ["frontend:routing.retries.attempts = 0: turns retries off, so perTryTimeout and retryOn must not be set: Istio refuses a retry policy configured when attempts are set to 0 (disabled). Fix: pulumi config set --path 'routing.retries.attempts' 2 to retry, or pulumi config rm --path 'routing.retries' for no retries"],
            Messages(config));
    }

    [Fact]
    public void Validate_RetriesOffAlone_Accepted()
    {
        Assert.Empty(Messages(SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { Attempts = 0 } } }));
    }

    [Fact]
    public void Validate_RetryOnWithSpacesAndUnknownStatus_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Retries = new RetriesConfig { RetryOn = "5xx, reset,599" } } };

        Assert.Equal(
            ["frontend:routing.retries.retryOn = \"5xx, reset,599\": must be a comma-separated list, without spaces, of retry conditions (5xx, cancelled, connect-failure, deadline-exceeded, envoy-ratelimited, gateway-error, http3-post-connect-failure, internal, refused-stream, reset, reset-before-request, resource-exhausted, retriable-4xx, retriable-headers, retriable-status-codes, unavailable) or HTTP status codes; unknown: ' reset', '599'. Fix: pulumi config set --path 'routing.retries.retryOn' 5xx,reset"],
            Messages(config));
    }

    [Fact]
    public void Validate_WarmupMinimumPercentWithFraction_Accepted()
    {
        var policy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST", Warmup = new WarmupConfig { Duration = "60s", MinimumPercent = 12.5 } } };

        Assert.Empty(Messages(WithPolicy(policy)));
    }

    [Fact]
    public void Validate_WarmupMinimumPercentAbove100_Refused()
    {
        var policy = new TrafficPolicyConfig { LoadBalancer = new LoadBalancerConfig { Simple = "LEAST_REQUEST", Warmup = new WarmupConfig { Duration = "60s", MinimumPercent = 100.5 } } };

        Assert.Equal(
            ["frontend:trafficPolicy.loadBalancer.warmup.minimumPercent = 100.5: must be between 0 and 100 (a percentage; fractions such as 12.5 are allowed). Fix: pulumi config set --path 'trafficPolicy.loadBalancer.warmup.minimumPercent' 100"],
            Messages(WithPolicy(policy)));
    }

    [Theory]
    [InlineData("1500us", "2ms")]
    [InlineData("1.5ms", "2ms")]
    [InlineData("1000001ns", "2ms")]
    public void Validate_DurationFinerThanAMillisecond_Refused(string duration, string fix)
    {
        var config = SampleConfigs.TwoVersions() with { Routing = new RoutingConfig { Timeout = duration } };

        Assert.Equal(
            [$"frontend:routing.timeout = \"{duration}\": must be a whole number of milliseconds (Istio supports durations only to ms precision). Fix: pulumi config set --path 'routing.timeout' {fix}"],
            Messages(config));
    }

    [Fact]
    public void Validate_HeaderNameWithDot_Refused()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Routing = new RoutingConfig { Matches = [new MatchRouteConfig { Name = "testers", Header = new HeaderMatchConfig { Name = "x.canary", Exact = "always" }, Version = "v2" }] },
        };

        Assert.Equal(
            ["frontend:routing.matches[0].header.name = \"x.canary\": must be a lower-case HTTP header name (letters, digits, '-' and '_'). Fix: pulumi config set --path 'routing.matches[0].header.name' x-canary"],
            Messages(config));
    }

    [Fact]
    public void Validate_IngressHostCoveredByAWildcard_Refused()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Ingress = new IngressConfig { Hosts = ["*.example.com", "www.example.com"], Gateways = ["istio-ingress/public-gateway"] },
        };

        Assert.Equal(
            ["frontend:ingress.hosts[1] = \"www.example.com\": overlaps '*.example.com' (ingress.hosts[0]): Istio refuses a VirtualService whose hosts match one another (a wildcard covers every name under it). Fix: pulumi config rm --path 'ingress.hosts[1]'"],
            Messages(config));
    }

    [Fact]
    public void Validate_IngressHostCoveringTheServiceHost_Refused()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Ingress = new IngressConfig { Hosts = ["*.svc.cluster.local"], Gateways = ["istio-ingress/public-gateway"] },
        };

        Assert.Equal(
            ["frontend:ingress.hosts[0] = \"*.svc.cluster.local\": names the app's own Service: in-mesh callers reach it through the mesh VirtualService, and an ingress host must be an external name such as www.example.com. Fix: pulumi config set --path 'ingress.hosts[0]' www.example.com"],
            Messages(config));
    }

    [Theory]
    [InlineData("frontend")]
    [InlineData("frontend.frontend-dev")]
    [InlineData("frontend.frontend-dev.svc")]
    public void Validate_IngressHostShortFormOfTheServiceHost_RefusedSayingHowIstioReadsIt(string host)
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Ingress = new IngressConfig { Hosts = [host], Gateways = ["istio-ingress/public-gateway"] },
        };

        Assert.Equal(
            [$"frontend:ingress.hosts[0] = \"{host}\": names the app's own Service (Istio reads '{host}' in the VirtualService's namespace as frontend.frontend-dev.svc.cluster.local): in-mesh callers reach it through the mesh VirtualService, and an ingress host must be an external name such as www.example.com. Fix: pulumi config set --path 'ingress.hosts[0]' www.example.com"],
            Messages(config));
    }

    [Fact]
    public void Validate_IngressHostWithoutADotNamingAnotherService_Accepted()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Ingress = new IngressConfig { Hosts = ["intranet"], Gateways = ["istio-ingress/public-gateway"] },
        };

        Assert.Empty(Messages(config));
    }

    [Fact]
    public void Validate_TlsPortName_RefusedWithTheReason()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { PortName = "https" } };

        Assert.Equal(
            ["frontend:app.portName = \"https\": names a https (TLS passthrough) port, which Istio routes only by the SNI name clients send (tls routes), so the weighted split, match routes and stickiness would do nothing; this stack does not declare tls routes. Fix: pulumi config set --path 'app.portName' http (the sidecars already encrypt mesh traffic with mTLS), or pulumi config set --path 'app.portName' tcp to split connections by weight"],
            Messages(config));
    }

    [Fact]
    public void Validate_UdpPortName_Refused()
    {
        Assert.Equal(
            ["frontend:app.portName = \"udp-dns\": names a UDP port, which Istio does not proxy: no route, split or policy of this stack would apply to it. Fix: pulumi config set --path 'app.portName' http"],
            Messages(SampleConfigs.TwoVersions() with { App = new AppConfig { PortName = "udp-dns" } }));
    }

    [Fact]
    public void Validate_TcpPortWithHttpOnlyFeatures_RefusesEachWithTheReason()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            App = new AppConfig { PortName = "tcp" },
            Routing = new RoutingConfig
            {
                Matches = [new MatchRouteConfig { Name = "testers", Cookie = new CookieMatchConfig { Name = "canary", Value = "yes" }, Version = "v2" }],
                Retries = new RetriesConfig(),
                Timeout = "10s",
            },
            Stickiness = new StickinessConfig(),
        };

        Assert.Equal(
            [
                "frontend:routing.matches = 1 match route(s): needs HTTP (header and cookie match routes), but app.portName makes the port tcp: Istio gives a tcp port only tcp routes, which split connections by weight and ignore HTTP features. Fix: pulumi config rm --path 'routing.matches', or name an HTTP port: pulumi config set --path 'app.portName' http",
                "frontend:routing.retries = {...}: needs HTTP (retries), but app.portName makes the port tcp: Istio gives a tcp port only tcp routes, which split connections by weight and ignore HTTP features. Fix: pulumi config rm --path 'routing.retries', or name an HTTP port: pulumi config set --path 'app.portName' http",
                "frontend:routing.timeout = \"10s\": needs HTTP (a request timeout), but app.portName makes the port tcp: Istio gives a tcp port only tcp routes, which split connections by weight and ignore HTTP features. Fix: pulumi config rm --path 'routing.timeout', or name an HTTP port: pulumi config set --path 'app.portName' http",
                "frontend:stickiness = {...}: needs HTTP (cookie stickiness), but app.portName makes the port tcp: Istio gives a tcp port only tcp routes, which split connections by weight and ignore HTTP features. Fix: pulumi config rm frontend:stickiness, or name an HTTP port: pulumi config set --path 'app.portName' http",
            ],
            Messages(config));
    }

    [Fact]
    public void Validate_ResourcesWithLimitAsNumberText_FixStoresAString()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { Resources = new ResourcesConfig { CpuRequest = "2", CpuLimit = "1" } } };

        Assert.Equal(
            ["frontend:app.resources.cpuRequest = \"2\": must not exceed app.resources.cpuLimit (1); Kubernetes rejects such a pod. Fix: pulumi config set --path 'app.resources.cpuRequest' 1 --type string"],
            Messages(config));
    }

    [Fact]
    public void Validate_AppNameNotADnsLabel_Refused()
    {
        Assert.Equal(
            ["frontend:app.name = \"1-frontend\": must be a DNS-1035 label (it names the Service: start with a letter; lower-case letters, digits and '-'). Fix: pulumi config set --path 'app.name' frontend"],
            Messages(SampleConfigs.TwoVersions() with { App = new AppConfig { Name = "1-frontend" } }));
    }

    [Fact]
    public void Validate_OwnGatewayWithoutSelector_RefusedSayingHowToFindTheLabels()
    {
        var config = SampleConfigs.TwoVersions() with
        {
            Ingress = new IngressConfig { Hosts = ["www.example.com"], Gateway = new GatewayConfig { CredentialName = "frontend-tls" } },
        };

        Assert.Equal(
            ["frontend:ingress.gateway.selector = (not set): must name the labels of the ingress gateway pods this Gateway configures, and has no default: istioctl installs label them istio: ingressgateway, the Helm gateway chart istio: <release name minus \"istio-\"> (e.g. istio: ingress), and a selector that matches no pod configures nothing, silently; find them with kubectl get pods -n <gateway namespace> --show-labels. Fix: pulumi config set --path 'ingress.gateway.selector.istio' ingress (Helm release istio-ingress), or pulumi config set --path 'ingress.gateway.selector.istio' ingressgateway (istioctl install)"],
            Messages(config));
    }
}
