using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Infra.Tests.Audit;

/// <summary>
/// The audit's cases that depend on how config arrives: numbers for quantities, a secure value's placeholder,
/// a TCP port's routes. Each goes through <c>PULUMI_CONFIG</c> as <c>pulumi</c> passes it.
/// </summary>
public sealed class ThroughPulumiConfigTests
{
    private const string Versions = """[{"name":"v1","image":"ghcr.io/acme/frontend:1.4.2","weight":90,"replicas":2},{"name":"v2","image":"ghcr.io/acme/frontend:1.5.0","weight":10}]""";

    private static async Task<(IReadOnlyList<string> Messages, IReadOnlyList<MockResourceArgs> Registered)> RunAsync(
        IReadOnlyDictionary<string, string> config, IReadOnlyList<string>? secretKeys = null, IReadOnlyCollection<string>? undecrypted = null)
    {
        using var scope = new PulumiConfigScope(config, secretKeys);
        var mocks = new RecordingMocks();
        var error = await Record.ExceptionAsync(() => Deployment.TestAsync(
            mocks,
            new TestOptions { ProjectName = ConfigPath.Project, StackName = "dev", IsPreview = true },
            () => FrontendStack.Run(undecrypted ?? [])));
        return (Refusal.MessagesOf(error), mocks.Registered);
    }

    private static IReadOnlyDictionary<string, object> Resources(IReadOnlyList<MockResourceArgs> registered, string deployment) =>
        (IReadOnlyDictionary<string, object>)registered.Single(r => r.Type == "kubernetes:apps/v1:Deployment" && r.Name == deployment)
            .Inputs.At("spec.template.spec.containers.0.resources")!;

    [Fact]
    public async Task Run_QuantitiesAsNumbers_RenderAsCanonicalKubernetesQuantities()
    {
        var (messages, registered) = await RunAsync(new Dictionary<string, string>
        {
            ["frontend:versions"] = Versions,
            ["frontend:app"] = """{"resources":{"cpuRequest":0.25,"cpuLimit":1,"memoryRequest":134217728,"memoryLimit":2e9}}""",
        });

        Assert.Empty(messages);
        var resources = Resources(registered, "frontend-v1");
        Assert.Equal("250m", resources.At("requests.cpu"));
        Assert.Equal("1", resources.At("limits.cpu"));
        Assert.Equal("134217728", resources.At("requests.memory"));
        Assert.Equal("2G", resources.At("limits.memory"));
    }

    [Fact]
    public async Task Run_QuantityNumberBelowANanounit_RefusedAsNoQuantity()
    {
        var (messages, registered) = await RunAsync(new Dictionary<string, string>
        {
            ["frontend:versions"] = Versions,
            ["frontend:app"] = """{"resources":{"cpuRequest":0.0000000001}}""",
        });

        Assert.Equal(["frontend:app.resources.cpuRequest = \"0.0000000001\": must be a Kubernetes quantity (such as 250m, 1, 128Mi, 1Gi). Fix: pulumi config set --path 'app.resources.cpuRequest' 100m --stack dev"], messages);
        Assert.Empty(registered);
    }

    private static Dictionary<string, string> SecretCookieRoute(string value) => new()
    {
        ["frontend:versions"] = Versions,
        ["frontend:routing"] = $$"""{"matches":[{"name":"testers","cookie":{"name":"canary","value":"{{value}}"},"version":"v2"}]}""",
    };

    [Fact]
    public async Task Run_OfflinePlaceholderForASecureCookieValue_RendersWithoutCheckingItsFormat()
    {
        var (messages, registered) = await RunAsync(
            SecretCookieRoute(SecretRules.OfflinePlaceholder),
            secretKeys: ["frontend:routing"],
            undecrypted: ["routing.matches[0].cookie.value"]);

        Assert.Empty(messages);
        Assert.Contains(registered, r => r.Type == "kubernetes:networking.istio.io/v1:VirtualService");
    }

    [Fact]
    public async Task Run_PlaceholderTextTypedUnderPulumi_IsCheckedLikeAnyValue()
    {
        // Under pulumi every secret is decrypted, so nothing is undecrypted: the placeholder's words are a value like any other.
        var (messages, registered) = await RunAsync(SecretCookieRoute(SecretRules.OfflinePlaceholder), secretKeys: ["frontend:routing"]);

        Assert.Equal(["frontend:routing.matches[0].cookie.value = \"[secret: not decrypted offline]\": must be letters, digits, '-', '_', '.' or '~' (it is matched inside the Cookie header). Fix: pulumi config set --path 'routing.matches[0].cookie.value' canary --stack dev"], messages);
        Assert.Empty(registered);
    }

    [Fact]
    public async Task Run_UndecryptedLeafInAKeyThatIsNotSecret_IsStillChecked()
    {
        var (messages, _) = await RunAsync(SecretCookieRoute(SecretRules.OfflinePlaceholder), secretKeys: [], undecrypted: ["routing.matches[0].cookie.value"]);

        Assert.Single(messages);
    }

    [Fact]
    public async Task Run_TcpPort_DeclaresAWeightedTcpRouteAndNoHttpRoutes()
    {
        var (messages, registered) = await RunAsync(new Dictionary<string, string>
        {
            ["frontend:versions"] = Versions,
            ["frontend:app"] = """{"portName":"tcp-db"}""",
        });

        Assert.Empty(messages);
        var spec = registered.Single(r => r.Type == "kubernetes:networking.istio.io/v1:VirtualService").Inputs;
        Assert.Null(spec.At("spec.http"));
        Assert.Equal("v1", spec.At("spec.tcp.0.route.0.destination.subset"));
        Assert.Equal(90.0, spec.At("spec.tcp.0.route.0.weight"));
        Assert.Equal("v2", spec.At("spec.tcp.0.route.1.destination.subset"));
        Assert.Equal(10.0, spec.At("spec.tcp.0.route.1.weight"));
    }
}
