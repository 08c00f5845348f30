using CrdGen.Cli;
using CrdGen.Crds;
using CrdGen.Emit;

namespace CrdGen.Tests;

/// <summary>The generator over Istio 1.30.3's real bundle, with the arguments tools/CrdGen/regenerate.sh passes.</summary>
public sealed class IstioBundleTests
{
    private static string GeneratedFolder => Path.Combine(RepositoryPaths.Root, "crds", "Generated");

    private static readonly Lazy<IReadOnlyDictionary<string, string>> IstioFiles = new(() =>
        GeneratorCommand.Generate(Options(), TextWriter.Null).ToDictionary(file => file.RelativePath, file => file.Content));

    [Fact]
    public void Generate_Istio1303_MatchesTheCommittedGeneratedFolder()
    {
        var files = GeneratorCommand.Generate(Options(), TextWriter.Null);

        var differences = OutputFolder.Compare(GeneratedFolder, files);

        Assert.Empty(differences);
    }

    [Fact]
    public void Generate_Istio1303_PrintsNoNameCollisionWarnings()
    {
        using var warnings = new StringWriter();

        GeneratorCommand.Generate(Options(), warnings);

        Assert.Equal(string.Empty, warnings.ToString());
    }

    [Theory]
    [InlineData("Networking/V1/DestinationRule.cs")]
    [InlineData("Networking/V1/VirtualService.cs")]
    [InlineData("Security/V1/PeerAuthentication.cs")]
    [InlineData("Networking/V1/Inputs/DestinationRuleSpecTrafficPolicyLoadBalancerArgs.cs")]
    [InlineData("Networking/V1/Inputs/DestinationRuleSpecTrafficPolicyLoadBalancerConsistentHashHttpCookieArgs.cs")]
    [InlineData("Networking/V1/Inputs/DestinationRuleSpecSubsetsTrafficPolicyArgs.cs")]
    [InlineData("Networking/V1/Inputs/VirtualServiceSpecHttpRouteDestinationArgs.cs")]
    [InlineData("Networking/V1/Inputs/VirtualServiceSpecHttpRetriesArgs.cs")]
    [InlineData("Security/V1/Inputs/PeerAuthenticationSpecMtlsArgs.cs")]
    [InlineData("Networking/V1/Outputs/DestinationRuleSpec.cs")]
    public void Generate_Istio1303_HasTheClassesTheCanaryUses(string relativePath)
    {
        Assert.True(IstioFiles.Value.ContainsKey(relativePath), $"{relativePath} was not generated.");
    }

    [Theory]
    [InlineData("Networking/V1/Inputs/DestinationRuleSpecTrafficPolicyLoadBalancerArgs.cs", "public Input<string>? Simple { get; set; }")]
    [InlineData("Networking/V1/Inputs/VirtualServiceSpecHttpRouteArgs.cs", "public Input<int>? Weight { get; set; }")]
    [InlineData("Networking/V1/Inputs/VirtualServiceSpecHttpRouteDestinationArgs.cs", "[Input(\"host\", required: true)]")]
    [InlineData("Networking/V1/Inputs/DestinationRuleSpecSubsetsArgs.cs", "public InputMap<string> Labels")]
    [InlineData("Networking/V1/Inputs/VirtualServiceSpecHttpMatchArgs.cs", "public InputMap<ImmutableDictionary<string, object>> Headers")]
    [InlineData("Networking/V1/Inputs/DestinationRuleSpecTrafficPolicyOutlierDetectionArgs.cs", "public Input<int>? Consecutive5xxErrors { get; set; }")]
    [InlineData("Security/V1/Inputs/PeerAuthenticationSpecMtlsArgs.cs", "public Input<string>? Mode { get; set; }")]
    public void Generate_Istio1303_SpellsKeyFieldsAsExpected(string relativePath, string expected)
    {
        Assert.Contains(expected, IstioFiles.Value[relativePath], StringComparison.Ordinal);
    }

    private static GeneratorOptions Options() => new(
        [RepositoryPaths.IstioCrdBundle, RepositoryPaths.GatewayApiExperimentalBundle],
        GeneratedFolder,
        [
            new KindSelector("networking.istio.io", "v1", "DestinationRule"),
            new KindSelector("networking.istio.io", "v1", "Gateway"),
            new KindSelector("networking.istio.io", "v1", "VirtualService"),
            new KindSelector("security.istio.io", "v1", "PeerAuthentication"),
            new KindSelector("gateway.networking.k8s.io", "v1", "Gateway"),
            new KindSelector("gateway.networking.k8s.io", "v1", "HTTPRoute"),
        ],
        Check: true);
}
