using Frontend.Analysis.Schema;
using Frontend.Analysis.Yaml;

namespace Frontend.Analysis.Tests.Schema.GatewayApi;

/// <summary>
/// Every CEL rule of the Gateway API's v1 Gateway and HTTPRoute schemas, in both channels, is reached by the corpus
/// beside this file and evaluates to true or false there: none is left "not checked". The corpus is valid, so a rule
/// that evaluates wrongly to false shows up too.
/// </summary>
public sealed class GatewayApiCelCoverageTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Frontend.Analysis.Tests", "Schema", "GatewayApi");

    [Theory]
    [InlineData("standard", 62)]
    [InlineData("experimental", 71)]
    public void Evaluate_EveryRuleOfGatewayAndHttpRoute_IsReachedByTheCorpusAndEvaluates(string channel, int distinctRules)
    {
        var rules = Rules(channel);
        var all = rules.Of("Gateway").Concat(rules.Of("HTTPRoute")).Distinct(StringComparer.Ordinal).ToList();

        var sites = Corpus(channel).SelectMany(body => rules.SitesIn(body)).ToList();
        var unreached = all.Except(sites.Select(site => site.Rule), StringComparer.Ordinal).ToList();
        var unevaluated = sites
            .Select(site => (site, Result: CelRules.Check(site.Rule, site.Self, site.Schema)))
            .Where(entry => entry.Result.Holds is null)
            .Select(entry => $"{entry.site.Path}: {entry.site.Rule} ({entry.Result.Reason})")
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(distinctRules, all.Count);
        Assert.Empty(unreached);
        Assert.Empty(unevaluated);
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("experimental")]
    public void Validate_Corpus_Passes(string channel)
    {
        var bundle = CrdSchemaBundle.Load(channel == "standard" ? RepositoryPaths.GatewayApiStandardBundle : RepositoryPaths.GatewayApiExperimentalBundle);

        var findings = Files(channel)
            .SelectMany(file => ManifestYaml.Read(File.ReadAllText(file)))
            .SelectMany(manifest => bundle.Validate(manifest).Select(finding => $"{manifest.Name}: {finding}"))
            .ToList();

        Assert.Empty(findings);
    }

    private static CrdRules Rules(string channel) => channel == "standard" ? CrdRules.GatewayApiStandard : CrdRules.GatewayApiExperimental;

    private static IEnumerable<string> Files(string channel) =>
        channel == "standard"
            ? [Path.Combine(Folder, "rule-coverage.yaml")]
            : [Path.Combine(Folder, "rule-coverage.yaml"), Path.Combine(Folder, "rule-coverage-experimental.yaml")];

    // The trees as YamlTreeReader reads them, status included: Manifest drops nothing, but SitesIn wants the whole object.
    private static IEnumerable<IReadOnlyDictionary<string, object?>> Corpus(string channel) =>
        Files(channel).SelectMany(file => ManifestYaml.Read(File.ReadAllText(file))).Select(manifest => manifest.Body);
}
