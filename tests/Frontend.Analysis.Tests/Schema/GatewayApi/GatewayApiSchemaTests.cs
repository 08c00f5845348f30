using Frontend.Analysis.Manifests;
using Frontend.Analysis.Schema;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Schema.GatewayApi;

/// <summary>
/// The Gateway API resources the program will render with frontend:mesh.api gateway-api (gateway-shapes.yaml beside
/// this file), validated as a cluster with Istio's CRDs and one Gateway API channel's would validate them.
/// </summary>
public sealed class GatewayApiSchemaTests
{
    private static readonly Lazy<CrdSchemaBundle> Standard = new(() => CrdSchemaBundle.Load([RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiStandardBundle]));

    private static readonly Lazy<CrdSchemaBundle> Experimental = new(() => CrdSchemaBundle.Load([RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiExperimentalBundle]));

    private static readonly string ShapesFile = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Schema", "GatewayApi", "gateway-shapes.yaml");

    public static TheoryData<string> Channels => ["standard", "experimental"];

    [Fact]
    public void Load_IstioAndAGatewayApiChannel_DefinesBothBundlesKinds()
    {
        var kinds = Experimental.Value.DefinedKinds;

        Assert.Contains("VirtualService.networking.istio.io", kinds);
        Assert.Contains("Gateway.networking.istio.io", kinds);
        Assert.Contains("Gateway.gateway.networking.k8s.io", kinds);
        Assert.Contains("HTTPRoute.gateway.networking.k8s.io", kinds);
        Assert.Contains("XMesh.gateway.networking.x-k8s.io", kinds);
        Assert.DoesNotContain(kinds, kind => kind.StartsWith("ValidatingAdmissionPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BothGatewayApiChannels_IsRefusedNamingAKindBothDefine()
    {
        var exception = Assert.Throws<ManifestException>(() => CrdSchemaBundle.Load([RepositoryPaths.GatewayApiStandardBundle, RepositoryPaths.GatewayApiExperimentalBundle]));

        Assert.Contains($"{RepositoryPaths.GatewayApiExperimentalBundle}: defines ", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"which {RepositoryPaths.GatewayApiStandardBundle} defines too", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GatewayShapesOnExperimental_AllPass()
    {
        var findings = Shapes().SelectMany(manifest => Experimental.Value.Validate(manifest).Select(finding => $"{manifest.Name}: {finding}")).ToList();

        Assert.Equal(5, Shapes().Count(Experimental.Value.Defines));
        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_GatewayShapesOnStandard_OnlyRetryIsRefusedAsAnUnknownField()
    {
        var findings = Shapes().SelectMany(manifest => Standard.Value.Validate(manifest).Select(finding => $"{manifest.Name}: {finding}")).ToList();

        Assert.Equal(
            [
                "frontend: unknown field spec.rules[2].retry (rule: properties; value: {attempts, codes})",
                "frontend-ingress: unknown field spec.rules[2].retry (rule: properties; value: {attempts, codes})",
            ],
            findings);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_WeightBelowZero_IsRefused(string channel)
    {
        var findings = Validate(channel, Route("backendRefs: [{name: frontend-v1, port: 80, weight: -1}]"));

        Assert.Equal(["spec.rules[0].backendRefs[0].weight: -1 is less than the minimum 0"], findings);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_WeightAboveOneMillion_IsRefused(string channel)
    {
        var findings = Validate(channel, Route("backendRefs: [{name: frontend-v1, port: 80, weight: 1000001}]"));

        Assert.Equal(["spec.rules[0].backendRefs[0].weight: 1000001 is greater than the maximum 1000000"], findings);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_RequestMirrorWithPercentAndFraction_IsRefusedByItsCelRule(string channel)
    {
        var findings = Validate(channel, Route("""
            backendRefs: [{name: frontend-v1, port: 80}]
                filters:
                - type: RequestMirror
                  requestMirror: {backendRef: {name: frontend-v3, port: 80}, percent: 10, fraction: {numerator: 1, denominator: 10}}
            """));

        Assert.Equal(["spec.rules[0].filters[0].requestMirror: Only one of percent or fraction may be specified in HTTPRequestMirrorFilter"], findings);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_MirrorFractionAboveOne_IsRefusedByItsCelRule(string channel)
    {
        var findings = Validate(channel, Route("""
            backendRefs: [{name: frontend-v1, port: 80}]
                filters:
                - type: RequestMirror
                  requestMirror: {backendRef: {name: frontend-v3, port: 80}, fraction: {numerator: 11, denominator: 10}}
            """));

        Assert.Equal(["spec.rules[0].filters[0].requestMirror.fraction: numerator must be less than or equal to denominator"], findings);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_BackendRequestTimeoutLongerThanRequest_IsRefusedByItsCelRule(string channel)
    {
        var findings = Validate(channel, Route("""
            backendRefs: [{name: frontend-v1, port: 80}]
                timeouts: {request: 10s, backendRequest: 1m}
            """));

        Assert.Equal(["spec.rules[0].timeouts: backendRequest timeout cannot be longer than request timeout"], findings);
    }

    [Theory]
    [InlineData("10s", "0s")]
    [InlineData("0s", "1m")]
    [InlineData("1m", "59s")]
    public void Validate_BackendRequestNoLongerThanRequestOrNoRequestTimeout_Passes(string request, string backendRequest)
    {
        var findings = Validate("experimental", Route($$"""
            backendRefs: [{name: frontend-v1, port: 80}]
                timeouts: {request: {{request}}, backendRequest: {{backendRequest}}}
            """));

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_HeaderValueWithTwoSpacesOnExperimental_BreaksThePattern()
    {
        var route = Route("""
            matches: [{headers: [{name: x-canary, value: "two  spaces"}]}]
                backendRefs: [{name: frontend-v1, port: 80}]
            """);

        var findings = Validate("experimental", route);

        var finding = Assert.Single(findings);
        Assert.StartsWith("spec.rules[0].matches[0].headers[0].value: \"two  spaces\" does not match the pattern ^[!-~]+([\\t ]?[!-~]+)*$", finding, StringComparison.Ordinal);
        Assert.Empty(Validate("standard", route));
    }

    [Fact]
    public void Validate_DuplicateRuleNamesOnExperimental_IsRefusedByItsCelRule()
    {
        var route = Route("""
            name: split
                backendRefs: [{name: frontend-v1, port: 80}]
              - name: split
                backendRefs: [{name: frontend-v2, port: 80}]
            """);

        var findings = Validate("experimental", route);

        Assert.Equal(["spec.rules: Rule name must be unique within the route"], findings);
        Assert.Empty(Validate("standard", route));
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_ResponseHeaderModifierTwiceOnOneBackendRef_IsRefusedByItsCelRule(string channel)
    {
        var findings = Validate(channel, Route("""
            backendRefs:
                - name: frontend-v1
                  port: 80
                  filters:
                  - {type: ResponseHeaderModifier, responseHeaderModifier: {add: [{name: set-cookie, value: a=1}]}}
                  - {type: ResponseHeaderModifier, responseHeaderModifier: {add: [{name: set-cookie, value: b=2}]}}
            """));

        Assert.Equal(["spec.rules[0].backendRefs[0].filters: ResponseHeaderModifier filter cannot be repeated"], findings);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Validate_ServiceBackendRefWithoutPort_IsRefusedAfterDefaultingItsGroupAndKind(string channel)
    {
        var findings = Validate(channel, Route("backendRefs: [{name: frontend-v1}]"));

        Assert.Equal(["spec.rules[0].backendRefs[0]: Must have port for Service reference"], findings);
    }

    [Theory]
    [InlineData("istio-ingress", "shared", true)]
    [InlineData("istio-ingress", "istio-ingress", false)]
    public void Validate_TwoParentRefsToOneNameOnlyOneWithSectionName_DependsOnTheirNamespaces(string first, string second, bool passes)
    {
        // namespace is a CEL keyword: the rule reads it as p1.__namespace__, so the property must reach CEL escaped.
        var route = ManifestYaml.Read($$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: frontend-ingress
              namespace: frontend
            spec:
              parentRefs:
              - {name: public-gateway, namespace: {{first}}, sectionName: https}
              - {name: public-gateway, namespace: {{second}}}
              rules:
              - backendRefs: [{name: frontend-v1, port: 80}]
            """).Single();

        var findings = Validate("standard", route);

        Assert.Equal(passes ? [] : ["spec.parentRefs: sectionName must be specified when parentRefs includes 2 or more references to the same parent"], findings);
    }

    private static IReadOnlyList<Manifest> Shapes() => ManifestYaml.Read(File.ReadAllText(ShapesFile));

    private static List<string> Validate(string channel, Manifest manifest) =>
        (channel == "standard" ? Standard : Experimental).Value.Validate(manifest).Select(finding => finding.Message).ToList();

    /// <summary>An HTTPRoute to the shared Service whose one rule (the YAML after "- ", indented four) is given.</summary>
    private static Manifest Route(string rule) => ManifestYaml.Read($"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: frontend
          namespace: frontend
        spec:
          parentRefs:
          - {"{"}group: "", kind: Service, name: frontend, port: 80{"}"}
          rules:
          - {rule}
        """).Single();
}
