using Frontend.Analysis.Users;
using Frontend.Infra.Configuration;

namespace Frontend.Cli.Evaluation;

/// <summary>The facts about a stack that its manifests do not carry, from its config and the provider it declared.</summary>
internal static class EvaluatedFacts
{
    public static StackFacts Of(StackEvaluation evaluation)
    {
        var provider = evaluation.Registered.FirstOrDefault(r => r.Type == "pulumi:providers:kubernetes");
        var context = provider is null ? null : provider.Inputs.GetValueOrDefault("context") as string ?? "(current)";
        var config = evaluation.Config;
        return new StackFacts(
            evaluation.Settings.StackName,
            config is null ? null : StackConfigValidator.IsProduction(config, evaluation.Settings.StackName),
            context,
            provider?.Inputs.GetValueOrDefault("clusterIdentifier") as string ?? context,
            config?.Rollout?.Canary,
            config?.Rollout?.Steps.Select(step => (long)step).ToValueList());
    }
}
