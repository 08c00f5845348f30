using System.Collections.Immutable;
using Frontend.Infra.Components;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Networking.V1;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Secrets;

/// <summary>
/// A secure value stays a secret all the way into the resource it reaches, so Pulumi's state and previews
/// hold ciphertext. The routes are checked as the program hands them to the SDK (<see cref="Output.IsSecretAsync{T}"/>),
/// which the real SDK and the stand-in answer alike; the mock monitor itself sees every secret in plain text.
/// </summary>
public sealed class SecretsTests
{
    private static readonly MatchRouteConfig Testers = new() { Name = "testers", Header = new HeaderMatchConfig { Name = "x-canary", Exact = "s3cret" }, Version = "v2" };

    private static TrafficSplitArgs SplitArgs(bool routingIsSecret) => new()
    {
        Namespace = "frontend-dev",
        AppName = "frontend",
        ServiceHost = "frontend.frontend-dev.svc.cluster.local",
        ServicePort = 80,
        Versions =
        [
            new VersionConfig { Name = "v1", Image = "ghcr.io/acme/frontend:1.4.2", Weight = 90 },
            new VersionConfig { Name = "v2", Image = "ghcr.io/acme/frontend:1.5.0", Weight = 10 },
        ],
        Routing = new RoutingConfig { Matches = [Testers], Timeout = "10s", Retries = new RetriesConfig { PerTryTimeout = "2s" } },
        Workloads = ImmutableDictionary<string, Resource>.Empty,
        RoutingIsSecret = routingIsSecret,
    };

    /// <summary>Builds the routes inside a deployment, as the program does, and reads which parts are secret.</summary>
    private static async Task<(bool Match, bool Timeout, bool Retries, bool WeightedDestinations)> SecrecyOfRoutesAsync(bool routingIsSecret)
    {
        (bool, bool, bool, bool) secrecy = default;
        await Deployment.TestAsync(new RecordingMocks(), new TestOptions { ProjectName = "frontend", StackName = "dev" }, async () =>
        {
            var routes = Routes.For(SplitArgs(routingIsSecret)).ToList();
            var testers = routes[0];
            var weighted = routes[^1];
            secrecy = (
                await Output.IsSecretAsync(testers.Match.ToOutput()),
                await Output.IsSecretAsync(testers.Timeout!.ToOutput()),
                await Output.IsSecretAsync(testers.Retries!.ToOutput()),
                await Output.IsSecretAsync(weighted.Route.ToOutput()));
        });
        return secrecy;
    }

    [Fact]
    public async Task Routes_SecretRoutingKey_PassesTheMatchTimeoutAndRetriesAsSecrets()
    {
        var secrecy = await SecrecyOfRoutesAsync(routingIsSecret: true);

        Assert.True(secrecy.Match);
        Assert.True(secrecy.Timeout);
        Assert.True(secrecy.Retries);
    }

    [Fact]
    public async Task HttpRouteRules_SecretRoutingKey_PassesTheMatchAndTimeoutAsSecretsAndLeavesTheBackendsReadable()
    {
        (bool Match, bool Timeout, bool Backends) secrecy = default;
        await Deployment.TestAsync(new RecordingMocks(), new TestOptions { ProjectName = "frontend", StackName = "dev" }, async () =>
        {
            var rules = HttpRouteRules.For(SplitArgs(routingIsSecret: true) with { Api = MeshApis.GatewayApi }).ToList();
            secrecy = (
                await Output.IsSecretAsync(rules[0].Matches.ToOutput()),
                await Output.IsSecretAsync(rules[0].Timeouts!.ToOutput()),
                await Output.IsSecretAsync(rules[^1].BackendRefs.ToOutput()));
        });

        Assert.True(secrecy.Match);
        Assert.True(secrecy.Timeout);
        Assert.False(secrecy.Backends);
    }

    [Fact]
    public async Task Routes_SecretRoutingKey_LeavesTheWeightedSplitReadable()
    {
        var secrecy = await SecrecyOfRoutesAsync(routingIsSecret: true);

        Assert.False(secrecy.WeightedDestinations);
    }

    [Fact]
    public async Task Routes_SecretRoutingKey_LeavesTheStickyRoutesReadable()
    {
        var sticky = false;
        await Deployment.TestAsync(new RecordingMocks(), new TestOptions { ProjectName = "frontend", StackName = "dev" }, async () =>
        {
            var args = SplitArgs(routingIsSecret: true) with { Routing = new RoutingConfig(), Stickiness = new StickinessConfig() };
            sticky = await Output.IsSecretAsync(Routes.For(args).First().Match.ToOutput());
        });

        // The cookie routes come from frontend:stickiness, not from the secret routing key.
        Assert.False(sticky);
    }

    [Fact]
    public async Task Routes_PlainRoutingKey_PassesNothingAsASecret()
    {
        var secrecy = await SecrecyOfRoutesAsync(routingIsSecret: false);

        Assert.Equal((false, false, false, false), secrecy);
    }

    [Fact]
    public async Task Run_SecretRoutingKey_DeclaresTheTesterRouteWithItsValue()
    {
        using var scope = SecretScope(["frontend:routing"]);

        var run = await StackRun.RunAsync();

        // The mock monitor receives secrets unwrapped, as the real one does: the value still reaches the manifest.
        var vs = Assert.Single(run.OfType("kubernetes:networking.istio.io/v1:VirtualService")).Inputs;
        Assert.Equal("s3cret", vs.At("spec.http.0.match.0.headers.x-canary.exact"));
    }

    [Fact]
    public async Task Run_SecretVersionsKey_RefusedNamingTheKeyAndWhy()
    {
        using var scope = SecretScope(["frontend:versions"]);

        var error = await Assert.ThrowsAsync<RunException>(() => StackRun.RunAsync());

        Assert.Equal(
            "frontend:versions = (secret): must not hold a secure value: its values become resource names, labels, manifests and stack outputs, where Pulumi cannot keep them secret; only frontend:routing (tester header and cookie values) may be secret. Fix: set the secure value under versions again as plain text: pulumi config set --path 'versions.<path>' <value> (without --secret)",
            Assert.Single(Refusal.MessagesOf(error)));
    }

    [Fact]
    public void ParseSecrets_CliList_KeepsTheProjectsKeysWithoutTheNamespace()
    {
        var keys = StackConfigKeys.ParseSecrets("""["frontend:routing","kubernetes:kubeconfig","frontend:config:versions"]""");

        Assert.Equal(["routing", "versions"], keys);
    }

    private static PulumiConfigScope SecretScope(string[] secretKeys) => PulumiConfigScope.Structured(
        new Dictionary<string, object>
        {
            ["frontend:cluster"] = new { context = "acme-dev" },
            ["frontend:namespace"] = new { name = "frontend-dev" },
            ["frontend:versions"] = new object[]
            {
                new { name = "v1", image = "ghcr.io/acme/frontend:1.4.2", replicas = 1, weight = 90 },
                new { name = "v2", image = "ghcr.io/acme/frontend:1.5.0", replicas = 1, weight = 10 },
            },
            ["frontend:routing"] = new { matches = new[] { new { name = "testers", header = new { name = "x-canary", exact = "s3cret" }, version = "v2" } } },
        },
        secretKeys);
}
