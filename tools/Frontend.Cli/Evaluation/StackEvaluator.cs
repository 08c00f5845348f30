using System.Buffers;
using System.Text;
using System.Text.Json;
using Frontend.Analysis.Manifests;
using Frontend.Cli.Stacks;
using Frontend.Infra;
using Frontend.Infra.Configuration;
using Pulumi;
using Pulumi.Testing;

namespace Frontend.Cli.Evaluation;

/// <summary>
/// Runs the real program in-process under Pulumi's mocks, with the stack's config passed through
/// PULUMI_CONFIG exactly as the Pulumi CLI passes it, and turns what it declares into manifests.
/// </summary>
internal static class StackEvaluator
{
    private const string ConfigVariable = "PULUMI_CONFIG";

    /// <summary>The CLI names the secret keys beside the values, so an SDK that treats secrets specially sees them as such.</summary>
    private const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    /// <summary>Serialises evaluations: the SDK keeps one deployment and one PULUMI_CONFIG per process.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<StackEvaluation> EvaluateAsync(StackSettings settings)
    {
        await OneAtATime.WaitAsync();
        var previous = Environment.GetEnvironmentVariable(ConfigVariable);
        var previousSecretKeys = Environment.GetEnvironmentVariable(SecretKeysVariable);
        try
        {
            Environment.SetEnvironmentVariable(ConfigVariable, JsonText(writer => WriteObject(writer, settings.Config)));
            Environment.SetEnvironmentVariable(SecretKeysVariable, JsonText(writer => WriteArray(writer, settings.SecretKeys)));
            var (config, warnings) = ReadConfig(settings);
            var mocks = new RenderMocks();
            var capture = RenderStack.Begin(settings.UndecryptedSecrets);
            try
            {
                await Deployment.TestAsync<RenderStack>(
                    mocks,
                    new TestOptions { ProjectName = settings.ProjectName, StackName = settings.StackName, IsPreview = false });
                var registered = mocks.Registered;
                var manifests = registered.Where(IsKubernetesObject).Select(r => Manifest.FromObjectTree(r.Inputs)).ToList();
                return new StackEvaluation(settings, registered, manifests, capture.Outputs, config, warnings, [], [.. capture.Safety]);
            }
            catch (Exception e) when (e is RunException or AggregateException)
            {
                return new StackEvaluation(settings, mocks.Registered, [], new Dictionary<string, object?>(), config, warnings, Messages(e), []);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConfigVariable, previous);
            Environment.SetEnvironmentVariable(SecretKeysVariable, previousSecretKeys);
            OneAtATime.Release();
        }
    }

    // Written by hand rather than by JsonSerializer: its reflection resolver builds and jits a contract for the
    // dictionary on every start, a measurable share of a render for two flat collections of strings.
    private static string JsonText(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in values)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// The same config the program reads, for the summary and for warnings, which Pulumi's log shows
    /// under <c>pulumi up</c> but mocks do not surface.
    /// </summary>
    private static (StackConfig? Config, IReadOnlyList<ConfigProblem> Warnings) ReadConfig(StackSettings settings)
    {
        var loaded = settings.LoadConfig();
        if (loaded.Config is null)
        {
            return (null, []);
        }

        var problems = StackConfigValidator.Validate(loaded.Config, settings.StackName);
        return (loaded.Config, [.. problems.Where(p => !p.IsError)]);
    }

    /// <summary>Kubernetes objects become manifests; component resources only group them.</summary>
    private static bool IsKubernetesObject(MockResourceArgs resource) =>
        resource.Type?.StartsWith("kubernetes:", StringComparison.Ordinal) == true && resource.Inputs.ContainsKey("apiVersion");

    /// <summary>
    /// A refused stack's problems in the validator's order (the program logs them as one error); anything else,
    /// such as several errors whose order the SDK does not keep, in ordinal order so that two runs print alike.
    /// </summary>
    private static IReadOnlyList<string> Messages(Exception e) => e switch
    {
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Messages).Order(StringComparer.Ordinal)],
        _ => ConfigReport.Problems(e.Message) ?? [e.Message],
    };
}
