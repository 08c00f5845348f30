using System.Globalization;
using Frontend.Analysis.Manifests;
using Frontend.Cli;
using Frontend.Cli.Evaluation;
using Frontend.Cli.Stacks;
using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Properties;

/// <summary>
/// The committed stacks, rendered as render renders them: every pod is hardened, and prod adds STRICT mTLS,
/// a disruption budget per version and pinned images. Loosening a default takes explicit config, and render's
/// summary shows it.
/// </summary>
public sealed class SecureDefaultsTests
{
    private static readonly string[] ResourceKeys = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    private const string LooseStack = """
        config:
          frontend:app:
            security:
              readOnlyRootFilesystem: false
              runAsUser: 20000
          frontend:versions:
            - name: v1
              image: ghcr.io/acme/frontend:1.4.2
              weight: 100
        """;

    public static TheoryData<string> CommittedStacks => ["dev", "prod", "ambient"];

    [Theory]
    [MemberData(nameof(CommittedStacks))]
    public async Task Render_CommittedStack_EveryPodIsHardened(string stack)
    {
        var manifests = await RenderAsync(stack);

        var deployments = manifests.Where(m => m.Kind == "Deployment").ToList();

        Assert.NotEmpty(deployments);
        Assert.All(deployments, deployment => Assert.NotEmpty(Containers(deployment.Body)));
        Assert.All(deployments, deployment => Assert.Empty(PodWeaknesses(deployment)));
    }

    [Fact]
    public async Task Render_ProdStack_HasStrictMtlsABudgetPerVersionAndPinnedImages()
    {
        var manifests = await RenderAsync("prod");

        var peerAuthentication = Assert.Single(manifests, m => m.Kind == "PeerAuthentication");
        var deployments = manifests.Where(m => m.Kind == "Deployment").ToList();
        var budgets = manifests.Where(m => m.Kind == "PodDisruptionBudget").ToList();

        Assert.Equal("STRICT", Text(peerAuthentication.Body, "spec.mtls.mode"));
        Assert.Equal(
            deployments.Select(d => Labels(d.Body, "spec.template.metadata.labels")).Order(StringComparer.Ordinal),
            budgets.Select(b => Labels(b.Body, "spec.selector.matchLabels")).Order(StringComparer.Ordinal));
        Assert.All(budgets, b => Assert.True(Number(b.Body, "spec.maxUnavailable") >= 1, $"{b.DisplayName} blocks drains"));
        Assert.All(
            deployments.SelectMany(d => Containers(d.Body)).Select(c => Text(c, "image")!),
            image => Assert.True(ImageReference.Parse(image).IsPinned, $"{image} is not pinned"));
    }

    [Fact]
    public async Task Render_OverriddenSecurityDefaults_ShowInTheSummary()
    {
        using var folder = new ScratchFolder();
        File.Copy(Path.Combine(RepositoryPaths.Root, "Pulumi.yaml"), folder.Combine("Pulumi.yaml"));
        File.WriteAllText(folder.Combine("Pulumi.loose.yaml"), LooseStack);
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };

        var exitCode = await CommandLine.RunAsync(["render", "loose", "--out", folder.Combine("out"), "--project-dir", folder.Path], stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.Contains("Secure defaults overridden:\n  app.security.runAsUser = 20000 (default 10001)\n  app.security.readOnlyRootFilesystem = false (default true)\n", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WritableRootFilesystemOverride_IsTheOnlyWeaknessFound()
    {
        using var folder = new ScratchFolder();
        File.Copy(Path.Combine(RepositoryPaths.Root, "Pulumi.yaml"), folder.Combine("Pulumi.yaml"));
        File.WriteAllText(folder.Combine("Pulumi.writable.yaml"), LooseStack);

        var evaluation = await StackEvaluator.EvaluateAsync(StackFiles.Load(folder.Path, "writable"));

        var deployment = Assert.Single(evaluation.Manifests, m => m.Kind == "Deployment");
        Assert.Equal(["Deployment frontend/frontend-v1 container app: root filesystem is writable"], PodWeaknesses(deployment));
    }

    [Theory]
    [MemberData(nameof(CommittedStacks))]
    public async Task Render_CommittedStack_SummaryListsNoOverriddenDefaults(string stack)
    {
        using var folder = new ScratchFolder();
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };

        var exitCode = await CommandLine.RunAsync(["render", stack, "--out", folder.Combine("out"), "--project-dir", RepositoryPaths.Root], stdout, stderr);

        Assert.Equal(0, exitCode);
        Assert.Contains("Secure defaults overridden: none\n", stdout.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Each way a pod falls short of the hardened baseline, as a sentence; none means it is hardened.</summary>
    private static IEnumerable<string> PodWeaknesses(Manifest deployment)
    {
        var pod = Map(deployment.Body, "spec.template.spec")!;
        var podSecurity = Map(pod, "securityContext");
        var podUser = Number(podSecurity, "runAsUser");
        if (Flag(podSecurity, "runAsNonRoot") != true)
        {
            yield return $"{deployment.DisplayName}: pod securityContext.runAsNonRoot is not true";
        }

        if (podUser is 0 or StackConfigValidator.IstioProxyUid)
        {
            yield return $"{deployment.DisplayName}: pod runs as UID {podUser}";
        }

        foreach (var container in Containers(deployment.Body))
        {
            var name = $"{deployment.DisplayName} container {Text(container, "name")}";
            var security = Map(container, "securityContext");
            var checks = new (bool Holds, string Weakness)[]
            {
                (Flag(security, "runAsNonRoot") ?? Flag(podSecurity, "runAsNonRoot") == true, "runAsNonRoot is not true"),
                (Flag(security, "allowPrivilegeEscalation") == false, "allowPrivilegeEscalation is not false"),
                (Flag(security, "privileged") != true, "is privileged"),
                (Strings(security, "capabilities.drop").Contains("ALL"), "does not drop ALL capabilities"),
                (Strings(security, "capabilities.add").Count == 0, "adds capabilities"),
                (Flag(security, "readOnlyRootFilesystem") == true, "root filesystem is writable"),
                ((Text(security, "seccompProfile.type") ?? Text(podSecurity, "seccompProfile.type")) == "RuntimeDefault", "seccomp profile is not RuntimeDefault"),
                ((Number(security, "runAsUser") ?? podUser) is not (null or 0 or StackConfigValidator.IstioProxyUid), $"runs as UID {Number(security, "runAsUser") ?? podUser}"),
                (ResourceKeys.All(r => Text(Map(container, "resources"), r) is { Length: > 0 }), "lacks a resource request or limit"),
                (Map(container, "readinessProbe") is { Count: > 0 }, "has no readiness probe"),
                (Map(container, "livenessProbe") is { Count: > 0 }, "has no liveness probe"),
            };
            foreach (var (holds, weakness) in checks.Where(c => !c.Holds))
            {
                yield return $"{name}: {weakness}";
            }
        }
    }

    private static async Task<IReadOnlyList<Manifest>> RenderAsync(string stack)
    {
        var evaluation = await StackEvaluator.EvaluateAsync(StackFiles.Load(RepositoryPaths.Root, stack));
        Assert.Empty(evaluation.Errors);
        return evaluation.Manifests;
    }

    private static IReadOnlyDictionary<string, object?>? Map(IReadOnlyDictionary<string, object?>? map, string path) =>
        At(map, path) as IReadOnlyDictionary<string, object?>;

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Containers(IReadOnlyDictionary<string, object?> deployment) =>
        (At(deployment, "spec.template.spec.containers") as IReadOnlyList<object?> ?? []).OfType<IReadOnlyDictionary<string, object?>>();

    private static object? At(IReadOnlyDictionary<string, object?>? map, string path)
    {
        object? current = map;
        foreach (var segment in path.Split('.'))
        {
            current = (current as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault(segment);
        }

        return current;
    }

    private static string? Text(IReadOnlyDictionary<string, object?>? map, string path) =>
        At(map, path) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static bool? Flag(IReadOnlyDictionary<string, object?>? map, string path) => At(map, path) as bool?;

    private static long? Number(IReadOnlyDictionary<string, object?>? map, string path) =>
        At(map, path) is { } value and not string ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    private static List<string> Strings(IReadOnlyDictionary<string, object?>? map, string path) =>
        [.. (At(map, path) as IReadOnlyList<object?> ?? []).OfType<string>()];

    private static string Labels(IReadOnlyDictionary<string, object?> map, string path) =>
        string.Join(",", (Map(map, path) ?? new Dictionary<string, object?>()).Select(kv => $"{kv.Key}={kv.Value}").Order(StringComparer.Ordinal));

    private sealed class ScratchFolder : IDisposable
    {
        public ScratchFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"frontend-secure-defaults-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
