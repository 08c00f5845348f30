using System.Text.Json;
using Cel;
using Frontend.Analysis.Schema;
using Frontend.Analysis.Yaml;
using Frontend.Tests;

namespace Frontend.Analysis.Tests.Schema.CelTrial;

/// <summary>
/// The trial of the <c>Cel</c> package (a CEL interpreter) against our recogniser, <see cref="CelRules"/>, on every
/// rule of the four Istio kinds and on the test corpus: the dev and prod snapshots' Istio resources and
/// corpus.yaml beside this file. It keeps the verdict in analysis/README.md honest: if a newer Cel agrees
/// everywhere, the disagreement test fails and the interpreter can replace the recogniser.
/// </summary>
public sealed class CelPackageTrialTests
{
    private static readonly string[] Kinds = ["DestinationRule", "VirtualService", "PeerAuthentication", "Gateway"];

    private static readonly CelEnvironment Environment = new([], "");

    [Fact]
    public void Compile_EveryRuleOfTheFourKinds_Parses()
    {
        var rules = Kinds.SelectMany(CrdRules.Istio.Of).Distinct(StringComparer.Ordinal).ToList();

        var unparsed = rules.Where(rule => !Compiles(rule)).ToList();

        Assert.Equal(9, rules.Count);
        Assert.Empty(unparsed);
    }

    [Fact]
    public void Evaluate_TestCorpus_DisagreesWithKubernetesWhereTheReadmeSays()
    {
        var sites = Corpus().SelectMany(resource => CrdRules.Istio.SitesIn(resource.Body).Select(site => (resource.Name, Site: site))).ToList();

        var disagreements = sites
            .Select(entry => (entry.Name, entry.Site, Ours: Holds(CelRules.Evaluate(entry.Site.Rule, entry.Site.Self)), Cel: EvaluateWithCel(entry.Site)))
            .Where(entry => entry.Ours != entry.Cel.Holds)
            .Select(entry => $"{entry.Name} {entry.Site.Path} = {ValueText.Of(entry.Site.Self)}: {entry.Site.Rule}: ours {entry.Ours}, Cel {entry.Cel.Holds}{entry.Cel.Error}")
            .ToList();

        Assert.True(sites.Count > 40, $"the corpus reaches only {sites.Count} rule sites");
        Assert.Equal(
            [
                "durations spec.trafficPolicy.connectionPool.http.idleTimeout = \"1000µs\": duration(self) >= duration('1ms'): ours True, Cel False (CelStringParsingException)",
                "durations spec.trafficPolicy.connectionPool.tcp.connectTimeout = \"+1s\": duration(self) >= duration('1ms'): ours True, Cel False",
                "durations spec.trafficPolicy.outlierDetection.interval = \"1500μs\": duration(self) >= duration('1ms'): ours True, Cel False (CelStringParsingException)",
                "empty-port-level-mtls-without-selector spec = {portLevelMtls}: has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true: ours False, Cel True",
                "hex-port-key spec.portLevelMtls = {0x50}: self.all(key, 0 < int(key) && int(key) <= 65535): ours False, Cel True",
                "credentials spec.servers[2].tls = {credentialName, credentialNames, mode}: (has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1: ours False, Cel True",
                "credentials spec.servers[3].tls = {credentialNames, mode, tlsCertificates}: (has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1: ours False, Cel True",
                "credentials spec.servers[3].tls = {credentialNames, mode, tlsCertificates}: (has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1: ours False, Cel True",
            ],
            disagreements);
    }

    private static bool Compiles(string rule)
    {
        try
        {
            Environment.Compile(rule);
            return true;
        }
        catch (CelException)
        {
            return false;
        }
    }

    // Kubernetes rejects an object when a rule evaluates to false or fails to evaluate; our recogniser knows every rule here.
    private static bool Holds(bool? result) => result ?? throw new InvalidOperationException("a rule of the four kinds is not recognised");

    private static (bool Holds, string Error) EvaluateWithCel(RuleSite site)
    {
        try
        {
            var result = Environment.Compile(site.Rule).Invoke(new Dictionary<string, object?> { ["self"] = Plain(site.Self) });
            return (result is true, "");
        }
        catch (CelException exception)
        {
            return (false, $" ({exception.GetType().Name})");
        }
    }

    // Cel reads maps and lists through the mutable collection interfaces, which the analysis' immutable trees lack.
    private static object? Plain(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(entry => entry.Key, entry => Plain(entry.Value), StringComparer.Ordinal),
        IReadOnlyList<object?> list => list.Select(Plain).ToList(),
        _ => value,
    };

    private static IEnumerable<(string Name, IReadOnlyDictionary<string, object?> Body)> Corpus()
    {
        foreach (var stack in new[] { "dev", "prod" })
        {
            var snapshot = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Infra.Tests", "Snapshots", "__snapshots__", $"{stack}.graph.json");
            using var graph = JsonDocument.Parse(File.ReadAllText(snapshot));
            foreach (var resource in graph.RootElement.EnumerateArray())
            {
                var inputs = resource.GetProperty("inputs");
                if (inputs.TryGetProperty("kind", out var kind) && Kinds.Contains(kind.GetString()))
                {
                    yield return ($"{stack}:{resource.GetProperty("name").GetString()}", ManifestYaml.Read(inputs.GetRawText()).Single().Body);
                }
            }
        }

        var corpus = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Schema", "CelTrial", "corpus.yaml");
        foreach (var manifest in ManifestYaml.Read(File.ReadAllText(corpus)))
        {
            yield return (manifest.Name, manifest.Body);
        }
    }
}
