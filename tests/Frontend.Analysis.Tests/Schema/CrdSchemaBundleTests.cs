using Frontend.Analysis.Schema;
using Frontend.Analysis.Tests.Support;

namespace Frontend.Analysis.Tests.Schema;

public sealed class CrdSchemaBundleTests
{
    private static readonly Lazy<CrdSchemaBundle> Istio = new(() => CrdSchemaBundle.Load(RepositoryPaths.IstioCrdBundle));

    private const string ValidDestinationRule = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: frontend
          namespace: frontend
        spec:
          host: frontend.frontend.svc.cluster.local
          trafficPolicy:
            loadBalancer:
              simple: LEAST_REQUEST
            connectionPool:
              tcp:
                maxConnections: 100
                connectTimeout: 5s
              http:
                http1MaxPendingRequests: 50
                idleTimeout: 90s
            outlierDetection:
              consecutive5xxErrors: 5
              interval: 10s
              baseEjectionTime: 30s
              maxEjectionPercent: 50
            tls:
              mode: ISTIO_MUTUAL
          subsets:
            - name: v1
              labels:
                version: v1
            - name: v2
              labels:
                version: v2
              trafficPolicy:
                loadBalancer:
                  consistentHash:
                    httpCookie:
                      name: session
                      ttl: 3600s
        """;

    [Fact]
    public void Validate_ValidDestinationRule_ReturnsNoFindings()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule);

        var findings = Istio.Value.Validate(manifest);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_ValidVirtualService_ReturnsNoFindings()
    {
        var manifest = Trees.FromYaml("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: frontend
              namespace: frontend
            spec:
              hosts:
                - frontend
              http:
                - name: tester
                  match:
                    - headers:
                        x-canary:
                          exact: "true"
                  route:
                    - destination:
                        host: frontend
                        subset: v2
                        port:
                          number: 80
                - name: split
                  route:
                    - destination:
                        host: frontend
                        subset: v1
                      weight: 90
                    - destination:
                        host: frontend
                        subset: v2
                      weight: 10
                  retries:
                    attempts: 3
                    perTryTimeout: 2s
                    retryOn: 5xx,connect-failure
                  timeout: 10s
            """);

        var findings = Istio.Value.Validate(manifest);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_ValidPeerAuthentication_ReturnsNoFindings()
    {
        var manifest = Trees.FromYaml("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: frontend
              namespace: frontend
            spec:
              selector:
                matchLabels:
                  app: frontend
              mtls:
                mode: STRICT
              portLevelMtls:
                "8080":
                  mode: PERMISSIVE
            """);

        var findings = Istio.Value.Validate(manifest);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_UnknownEnumValue_ReportsEnumWithPathAndValue()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule.Replace("simple: LEAST_REQUEST", "simple: ROUND_ROBINN", StringComparison.Ordinal));

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("enum", finding.Rule);
        Assert.Equal("spec.trafficPolicy.loadBalancer.simple", finding.Path);
        Assert.Equal("spec.trafficPolicy.loadBalancer.simple: \"ROUND_ROBINN\" is not one of [UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST]", finding.Message);
    }

    [Fact]
    public void Validate_DestinationWithoutHost_ReportsMissingRequiredField()
    {
        var manifest = Trees.FromYaml("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: frontend
            spec:
              hosts: [frontend]
              http:
                - route:
                    - destination:
                        subset: v1
            """);

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("spec.http[0].route[0].destination: missing required field \"host\"", finding.Message);
        Assert.Equal("required", finding.Rule);
    }

    [Theory]
    [InlineData("-1", "spec.http[0].route[0].destination.port.number: -1 is less than the minimum 0")]
    [InlineData("4294967296", "spec.http[0].route[0].destination.port.number: 4294967296 is greater than the maximum 4294967295")]
    [InlineData("\"80\"", "spec.http[0].route[0].destination.port.number: expected integer, got string")]
    public void Validate_PortNumberOutOfRangeOrMistyped_ReportsBound(string number, string expected)
    {
        var manifest = Trees.FromYaml($"""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: frontend
            spec:
              hosts: [frontend]
              http:
                - route:
                    - destination:
                        host: frontend
                        port:
                          number: {number}
            """);

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal(expected, finding.Message);
    }

    [Fact]
    public void Validate_SimpleAndConsistentHashBothSet_ReportsOneOf()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule.Replace(
            "      simple: LEAST_REQUEST",
            "      simple: LEAST_REQUEST\n      consistentHash:\n        useSourceIp: true",
            StringComparison.Ordinal));

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("oneOf", finding.Rule);
        Assert.Equal("spec.trafficPolicy.loadBalancer: only one of [simple, consistentHash] may be set, found simple, consistentHash", finding.Message);
    }

    [Fact]
    public void Validate_MisspelledField_ReportsUnknownField()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule.Replace("loadBalancer:", "lodBalancer:", StringComparison.Ordinal));

        var messages = Istio.Value.Validate(manifest).Select(finding => finding.Message);

        Assert.Contains("unknown field spec.trafficPolicy.lodBalancer", messages);
    }

    [Fact]
    public void Validate_DurationBelowOneMillisecond_ReportsCelRuleMessage()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule.Replace("idleTimeout: 90s", "idleTimeout: 500us", StringComparison.Ordinal));

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("spec.trafficPolicy.connectionPool.http.idleTimeout: must be a valid duration greater than 1ms", finding.Message);
        Assert.Equal("duration(self) >= duration('1ms')", finding.Rule);
        Assert.Equal("\"500us\"", finding.Value);
    }

    [Fact]
    public void Validate_DurationThatIsNotADuration_ReportsCelRuleMessage()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule.Replace("interval: 10s", "interval: ten seconds", StringComparison.Ordinal));

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("spec.trafficPolicy.outlierDetection.interval: must be a valid duration greater than 1ms", finding.Message);
    }

    [Fact]
    public void Validate_IntOrStringGivenBoolean_ReportsIntOrString()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule + "\nstatus:\n  observedGeneration: true\n");

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("x-kubernetes-int-or-string", finding.Rule);
        Assert.Equal("status.observedGeneration: expected an integer or a string, got boolean", finding.Message);
    }

    [Fact]
    public void Validate_IntOrStringGivenString_ReturnsNoFindings()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule + "\nstatus:\n  observedGeneration: \"3\"\n");

        var findings = Istio.Value.Validate(manifest);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_ValueNotMatchingPattern_ReportsPattern()
    {
        var manifest = Trees.FromYaml("""
            apiVersion: extensions.istio.io/v1alpha1
            kind: WasmPlugin
            metadata:
              name: filter
            spec:
              url: oci://registry/filter:1
              sha256: not-a-digest
            """);

        // WasmPlugin's own CEL rules are outside this library's recognisers and come back as not checked.
        var finding = Assert.Single(Istio.Value.Validate(manifest), finding => finding.Kind == SchemaFindingKind.Violation);

        Assert.Equal("spec.sha256: \"not-a-digest\" does not match the pattern (^$|^[a-f0-9]{64}$)", finding.Message);
    }

    [Fact]
    public void Validate_PortLevelMtlsWithoutSelector_ReportsCelRuleMessage()
    {
        var manifest = Trees.FromYaml("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: frontend
            spec:
              portLevelMtls:
                "8080":
                  mode: STRICT
            """);

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("spec: portLevelMtls requires selector", finding.Message);
    }

    [Fact]
    public void Validate_PortLevelMtlsKeyOutOfRange_ReportsCelRuleMessage()
    {
        var manifest = Trees.FromYaml("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: frontend
            spec:
              selector:
                matchLabels:
                  app: frontend
              portLevelMtls:
                "70000":
                  mode: STRICT
            """);

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("spec.portLevelMtls: port must be between 1-65535", finding.Message);
    }

    [Fact]
    public void Validate_UnservedVersion_ReportsApiVersion()
    {
        var manifest = Trees.FromYaml(ValidDestinationRule.Replace("networking.istio.io/v1", "networking.istio.io/v9", StringComparison.Ordinal));

        var finding = Assert.Single(Istio.Value.Validate(manifest));

        Assert.Equal("apiVersion: networking.istio.io/v9 is not served for DestinationRule (served: v1, v1alpha3, v1beta1)", finding.Message);
    }

    [Fact]
    public void Validate_KindOutsideBundle_ReturnsNoFindingsAndIsNotDefined()
    {
        var manifest = Trees.FromYaml("apiVersion: v1\nkind: Service\nmetadata:\n  name: frontend\nspec:\n  anything: 1\n");

        var findings = Istio.Value.Validate(manifest);

        Assert.Empty(findings);
        Assert.False(Istio.Value.Defines(manifest));
    }

    [Fact]
    public void Validate_CelRuleOutsideTheRecogniser_IsEvaluated()
    {
        var bundle = Widgets("self.size % 2 == 0");
        var manifest = Trees.FromYaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n");

        var finding = Assert.Single(bundle.Validate(manifest));

        Assert.Equal(SchemaFindingKind.Violation, finding.Kind);
        Assert.Equal("spec: size must be even", finding.Message);
    }

    [Fact]
    public void Validate_CelRuleNeitherCanEvaluate_ReportsNotCheckedWithTheReason()
    {
        // url() is from Kubernetes' URL library, which the Cel package lacks.
        var bundle = Widgets("url(self.endpoint).getHost() == 'example.com'");
        var manifest = Trees.FromYaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  endpoint: https://example.com/\n");

        var finding = Assert.Single(bundle.Validate(manifest));

        Assert.Equal(SchemaFindingKind.NotChecked, finding.Kind);
        Assert.StartsWith("spec: not checked: url(self.endpoint).getHost() == 'example.com' (", finding.Message, StringComparison.Ordinal);
    }

    private static CrdSchemaBundle Widgets(string rule) => CrdSchemaBundle.Parse($$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names:
            kind: Widget
          versions:
            - name: v1
              served: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        size:
                          type: integer
                        endpoint:
                          type: string
                      x-kubernetes-validations:
                        - rule: "{{rule}}"
                          message: size must be even
        """);

    [Fact]
    public void Validate_PatternDotNetCannotCompile_ReportsNotChecked()
    {
        var bundle = CrdSchemaBundle.Parse("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              names:
                kind: Widget
              versions:
                - name: v1
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties:
                            code:
                              type: string
                              pattern: "(unclosed"
            """);
        var manifest = Trees.FromYaml("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  code: abc\n");

        var finding = Assert.Single(bundle.Validate(manifest));

        Assert.Equal(SchemaFindingKind.NotChecked, finding.Kind);
        Assert.Equal("spec.code: not checked: pattern (unclosed", finding.Message);
    }
}
