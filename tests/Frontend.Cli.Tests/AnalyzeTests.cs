using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class AnalyzeTests : IDisposable
{
    private const string BundleRequiringTls = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: virtualservices.networking.istio.io
        spec:
          group: networking.istio.io
          names:
            kind: VirtualService
          versions:
          - name: v1
            served: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    required:
                    - tls
        """;

    private const string BundleWithAnUnknownRule = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: virtualservices.networking.istio.io
        spec:
          group: networking.istio.io
          names:
            kind: VirtualService
          versions:
          - name: v1
            served: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    x-kubernetes-validations:
                    - rule: self.hosts.all(h, url('https://' + h).getHost() == h)
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Analyze_StackAgainstIstiosBundle_ExitsZeroWithNoIstioFindings(string stack)
    {
        var run = await CliRun.Of("analyze", stack, "--crds", RepositoryPaths.IstioCrdBundle, "--project-dir", RepositoryPaths.Root);

        // Whether FRT0001 is reported depends on whether the stack binds an ingress gateway, which its own tests cover.
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"schema validation against {RepositoryPaths.IstioCrdBundle}", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[IST", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WithoutBundle_SaysSchemaValidationDidNotRun()
    {
        var run = await CliRun.Of("analyze", "dev", "--project-dir", RepositoryPaths.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("schema validation not run (add --crds <bundle.yaml>)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_SchemaViolation_ReportsIst0106WithItsFixAndExitsOne()
    {
        var bundle = _temp.Combine("bundle.yaml");
        File.WriteAllText(bundle, BundleRequiringTls);

        var run = await CliRun.Of("analyze", "prod", "--crds", bundle, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Error [IST0106] (VirtualService frontend/frontend) Schema validation error:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Error [IST0106] (VirtualService frontend/frontend-ingress) Schema validation error:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("tls", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Fix: ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SchemaViolation_WritesNothingAndPrintsTheFinding()
    {
        var bundle = _temp.Combine("bundle.yaml");
        File.WriteAllText(bundle, BundleRequiringTls);
        var output = _temp.Combine("prod");

        var run = await CliRun.Of("render", "prod", "--out", output, "--crds", bundle, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.False(Directory.Exists(output));
        Assert.Contains("found 2 errors; nothing was rendered", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("[IST0106]", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_PortNotNamedByProtocol_IsRefusedByConfigValidationBeforeIst0118()
    {
        var project = _temp.WriteProject("ports", StackYaml.TwoVersions(extraConfig: "  frontend:app:\n    portName: web\n"));

        var run = await CliRun.Of("analyze", "ports", "--project-dir", project);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("frontend:app.portName = \"web\"", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("IST0118", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_InvalidConfig_ExitsOneWithTheProblemsOnStderr()
    {
        var project = _temp.WriteProject("bad", StackYaml.TwoVersions(extraConfig: StackYaml.TesterRoute.Replace("version: v2", "version: v9", StringComparison.Ordinal)));

        var run = await CliRun.Of("analyze", "bad", "--project-dir", project);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("v9", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Analyze_MissingBundleFile_IsAUsageError()
    {
        var run = await CliRun.Of("analyze", "dev", "--crds", _temp.Combine("absent.yaml"), "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("absent.yaml: no such file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_IstioAndAGatewayApiBundle_ValidatesAgainstBothAndNamesThem()
    {
        var run = await CliRun.Of(
            "analyze", "dev", "--crds", RepositoryPaths.IstioCrdBundle, "--crds", RepositoryPaths.GatewayApiExperimentalBundle, "--project-dir", RepositoryPaths.Root);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains($"schema validation against {RepositoryPaths.IstioCrdBundle} and {RepositoryPaths.GatewayApiExperimentalBundle}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_BothGatewayApiChannels_IsAUsageErrorNamingAKindBothDefine()
    {
        var run = await CliRun.Of(
            "analyze", "dev", "--crds", RepositoryPaths.GatewayApiStandardBundle, "--crds", RepositoryPaths.GatewayApiExperimentalBundle, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: --crds {RepositoryPaths.GatewayApiExperimentalBundle}: defines ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"which {RepositoryPaths.GatewayApiStandardBundle} defines too; give one bundle per kind (one Gateway API channel, not both)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Render_RuleThatCannotBeCheckedOffline_WritesAndReportsIst0133AsAWarning()
    {
        var bundle = _temp.Combine("bundle.yaml");
        File.WriteAllText(bundle, BundleWithAnUnknownRule);
        var output = _temp.Combine("prod");

        var project = _temp.WriteProject("single", StackYaml.OneVersion);

        var run = await CliRun.Of("render", "single", "--out", output, "--crds", bundle, "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.True(Directory.Exists(output));
        Assert.Contains("Analysis: 1 warning;", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Warning [IST0133] (VirtualService shop/frontend)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WeightedStackWithoutIngress_PrintsFrt0001WithItsFixAndExitsZero()
    {
        var project = _temp.WriteProject("canary", StackYaml.TwoVersions(90, 10, firstReplicas: 3, secondReplicas: 2));

        var run = await CliRun.Of("analyze", "canary", "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith(
            "\nWarning [FRT0001] (VirtualService shop/frontend) External traffic through an ingress gateway that routes to frontend.shop.svc.cluster.local without subsets is spread by ready pods: v1 60%, v2 40% (3:2 replicas), not the 90/10 split; in-mesh callers get the split.\n"
            + "  Fix: Bind the VirtualService to the ingress gateway beside mesh (frontend:ingress.gateways, or frontend:ingress.gateway to declare one) so external traffic gets the same routes.\n",
            run.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WeightedStackWithoutIngress_WritesAndListsFrt0001UnderAnalysis()
    {
        var project = _temp.WriteProject("canary", StackYaml.TwoVersions(90, 10, firstReplicas: 3, secondReplicas: 2));
        var output = _temp.Combine("canary");

        var run = await CliRun.Of("render", "canary", "--out", output, "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.True(Directory.Exists(output));
        Assert.Contains(
            "\nAnalysis: 1 warning; schema validation not run (add --crds <bundle.yaml>)\n"
            + "  Warning [FRT0001] (VirtualService shop/frontend) External traffic through an ingress gateway that routes to frontend.shop.svc.cluster.local without subsets is spread by ready pods: v1 60%, v2 40% (3:2 replicas), not the 90/10 split; in-mesh callers get the split.\n",
            run.Stdout,
            StringComparison.Ordinal);
    }
}
