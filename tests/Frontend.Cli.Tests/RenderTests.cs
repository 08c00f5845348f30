using Frontend.Cli.Stacks;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests;

public sealed class RenderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Render_SameStackTwice_FoldersAreByteIdentical(string stack)
    {
        var first = _temp.Combine("first");
        var second = _temp.Combine("second");

        var firstRun = await CliRun.Of("render", stack, "--out", first, "--project-dir", RepositoryPaths.Root);
        var secondRun = await CliRun.Of("render", stack, "--out", second, "--project-dir", RepositoryPaths.Root);

        Assert.Equal((0, 0), (firstRun.ExitCode, secondRun.ExitCode));
        var firstFiles = Files(first);
        Assert.NotEmpty(firstFiles);
        Assert.Equal(firstFiles.Keys, Files(second).Keys);
        Assert.All(firstFiles, file => Assert.Equal(file.Value, File.ReadAllBytes(Path.Combine(second, file.Key))));
    }

    [Fact]
    public async Task Render_Prod_WritesOneFilePerResourceInTheProviderLayout()
    {
        var output = _temp.Combine("prod");

        var run = await CliRun.Of("render", "prod", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "1-manifest/apps_v1-deployment-frontend-frontend-v1.yaml",
                "1-manifest/apps_v1-deployment-frontend-frontend-v2.yaml",
                "1-manifest/autoscaling_v2-horizontalpodautoscaler-frontend-frontend-v1.yaml",
                "1-manifest/autoscaling_v2-horizontalpodautoscaler-frontend-frontend-v2.yaml",
                "1-manifest/networking.istio.io_v1-destinationrule-frontend-frontend-34cf7b28.yaml",
                "1-manifest/networking.istio.io_v1-virtualservice-frontend-frontend-ingress.yaml",
                "1-manifest/networking.istio.io_v1-virtualservice-frontend-frontend.yaml",
                "1-manifest/policy_v1-poddisruptionbudget-frontend-frontend-v1.yaml",
                "1-manifest/policy_v1-poddisruptionbudget-frontend-frontend-v2.yaml",
                "1-manifest/security.istio.io_v1-peerauthentication-frontend-frontend.yaml",
                "1-manifest/v1-namespace-default-frontend.yaml",
                "1-manifest/v1-service-frontend-frontend.yaml",
                "stack.txt",
            ],
            Files(output).Keys);
        Assert.True(Directory.Exists(Path.Combine(output, "0-crd")));
    }

    [Fact]
    public async Task Render_Prod_WritesTheStackFactsNoManifestCarries()
    {
        var output = _temp.Combine("prod");

        await CliRun.Of("render", "prod", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(
            "# The stack this folder was rendered from, for diff: facts no manifest carries. kubectl apply skips this file.\n"
            + "stack: prod\nproduction: true\ncluster.context: acme-prod\ncluster.identifier: acme-prod\nrollout.canary: v2\nrollout.steps: 10, 25, 50, 100\n",
            File.ReadAllText(Path.Combine(output, "stack.txt")));
    }

    [Fact]
    public async Task Render_Prod_FilesStartWithApiVersionUseLfAndWholeNumbers()
    {
        var output = _temp.Combine("prod");

        await CliRun.Of("render", "prod", "--out", output, "--project-dir", RepositoryPaths.Root);

        var virtualService = File.ReadAllText(Path.Combine(output, "1-manifest", "networking.istio.io_v1-virtualservice-frontend-frontend.yaml"));
        Assert.StartsWith("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: frontend\n  namespace: frontend\nspec:\n", virtualService, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", virtualService, StringComparison.Ordinal);
        Assert.Contains("weight: 90\n", virtualService, StringComparison.Ordinal);
        Assert.DoesNotContain("90.0", virtualService, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Prod_SummaryShowsSplitRoutesPoliciesAndAnalysis()
    {
        var output = _temp.Combine("prod");

        var run = await CliRun.Of("render", "prod", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Stack prod (project frontend), namespace frontend: 12 resources\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nTraffic split (in-mesh callers and gateway istio-ingress/public-gateway for www.example.com):\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nCluster: kube context acme-prod, cluster identifier acme-prod (a new identifier replaces every resource)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nKept when deleted:\n  Namespace frontend: protected (pulumi refuses to delete it until `pulumi state unprotect`), retained on delete (dropping it from the stack leaves it in the cluster)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  v1 +90%  3-10 replicas \(HPA: 70% CPU of app\) of ghcr\.io/acme/frontend:1\.4\.2", run.Stdout);
        Assert.Matches(@"\n  v2 +10%  2-10 replicas \(HPA: 70% CPU of app\) of ghcr\.io/acme/frontend:1\.5\.0", run.Stdout);
        Assert.Contains("testers: headers.x-canary.exact=always -> v2", run.Stdout, StringComparison.Ordinal);
        // prod's canary cookie names its attempt (v2.1): its sticky route still reads as v2's.
        Assert.Contains("visitors carrying it return to v1, v2;", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"mTLS +STRICT", run.Stdout);
        Assert.Matches(@"client TLS +ISTIO_MUTUAL", run.Stdout);
        Assert.Matches(@"\nAnalysis: [^\n]*; schema validation not run", run.Stdout);
        Assert.Contains($"Wrote 12 manifests and stack.txt to {output}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Render_WeightedStackWithoutIngress_HeadingSaysOnlyInMeshCallersGetTheSplit()
    {
        var project = _temp.WriteProject("canary", StackYaml.TwoVersions(90, 10));

        var run = await CliRun.Of("render", "canary", "--out", _temp.Combine("canary"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nTraffic split (in-mesh callers only: no gateway bound, see FRT0001):\n  v1   90%", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OneVersionWithoutIngress_HeadingSaysInMeshCallersOnlyWithoutAFinding()
    {
        var project = _temp.WriteProject("single", StackYaml.OneVersion);

        var run = await CliRun.Of("render", "single", "--out", _temp.Combine("single"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nTraffic split (in-mesh callers only: no gateway bound):\n  v1  100%", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithIstioBundle_SummarySaysSchemaValidationRan()
    {
        var run = await CliRun.Of("render", "prod", "--out", _temp.Combine("prod"), "--crds", RepositoryPaths.IstioCrdBundle, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"schema validation against {RepositoryPaths.IstioCrdBundle}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WeightsNotSummingTo100_WritesNothingAndExitsOneWithTheMessage()
    {
        var project = _temp.WriteProject("bad", StackYaml.TwoVersions(90, 20));
        var output = _temp.Combine("bad");

        var run = await CliRun.Of("render", "bad", "--out", output, "--project-dir", project);

        Assert.Equal(1, run.ExitCode);
        Assert.False(Directory.Exists(output));
        Assert.Equal("", run.Stdout);
        Assert.Contains("error: stack 'bad' was refused", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("110", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("pulumi config set --path", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_BadConfigOverAnEarlierRender_LeavesTheEarlierRenderAsItWas()
    {
        var project = _temp.WriteProject("edited", StackYaml.TwoVersions());
        var output = _temp.Combine("edited");
        await CliRun.Of("render", "edited", "--out", output, "--project-dir", project);
        var before = Files(output);
        File.WriteAllText(Path.Combine(project, "Pulumi.edited.yaml"), StackYaml.TwoVersions(90, 20));

        var run = await CliRun.Of("render", "edited", "--out", output, "--project-dir", project);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(before.Keys, Files(output).Keys);
    }

    [Fact]
    public async Task Render_SecureValue_RendersWithThePlaceholderAndSaysSo()
    {
        const string SecretTesterRoute = """
              frontend:routing:
                matches:
                  - name: testers
                    header:
                      name: x-canary-token
                      exact:
                        secure: AAABAKx1c2VyLXNlY3JldA==
                    version: v2
            """;
        var project = _temp.WriteProject("secret", StackYaml.TwoVersions(extraConfig: SecretTesterRoute));
        var output = _temp.Combine("secret");

        var run = await CliRun.Of("render", "secret", "--out", output, "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Secrets:\n  frontend:routing: a secure value, shown as \"{StackFiles.SecretPlaceholder}\"", run.Stdout, StringComparison.Ordinal);
        var virtualService = File.ReadAllText(Path.Combine(output, "1-manifest", "networking.istio.io_v1-virtualservice-shop-frontend.yaml"));
        Assert.Contains($"exact: \"{StackFiles.SecretPlaceholder}\"", virtualService, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SecureCookieValue_RendersAndSaysItsFormatWasNotChecked()
    {
        const string SecretCookieRoute = """
              frontend:routing:
                matches:
                  - name: testers
                    cookie:
                      name: canary
                      value:
                        secure: AAABAKx1c2VyLXNlY3JldA==
                    version: v2
            """;
        var project = _temp.WriteProject("secret-cookie", StackYaml.TwoVersions(extraConfig: SecretCookieRoute));

        var run = await CliRun.Of("render", "secret-cookie", "--out", _temp.Combine("secret-cookie"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            $"Secrets:\n  frontend:routing: a secure value, shown as \"{StackFiles.SecretPlaceholder}\" (secrets are not decrypted offline)\n"
            + "  frontend:routing.matches[0].cookie.value: format not checked offline (rule: must be letters, digits, '-', '_', '.' or '~' (it is matched inside the Cookie header)); pulumi preview checks the decrypted value\n",
            run.Stdout,
            StringComparison.Ordinal);
        Assert.DoesNotContain("cookie.value = ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TcpPort_WritesAWeightedTcpRouteThatPassesTheSchemaAndTheSummaryShowsTheSplit()
    {
        const string TcpPort = """
              frontend:app:
                portName: tcp-db
            """;
        var project = _temp.WriteProject("tcp", StackYaml.TwoVersions(firstWeight: 80, secondWeight: 20, extraConfig: TcpPort));
        var output = _temp.Combine("tcp");

        var run = await CliRun.Of("render", "tcp", "--out", output, "--crds", RepositoryPaths.IstioCrdBundle, "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\n  v1   80%", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  v2   20%", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Analysis: ", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("IST0106", run.Stdout, StringComparison.Ordinal);
        var virtualService = File.ReadAllText(Path.Combine(output, "1-manifest", "networking.istio.io_v1-virtualservice-shop-frontend.yaml"));
        Assert.Contains("  tcp:\n", virtualService, StringComparison.Ordinal);
        Assert.DoesNotContain("http:", virtualService, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_StackNamingNoCluster_SummarySaysItDeploysToTheCurrentContext()
    {
        var project = _temp.WriteProject("loose", StackYaml.TwoVersions());

        var run = await CliRun.Of("render", "loose", "--out", _temp.Combine("loose"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nCluster: not named (pulumi up deploys to the current kube context)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nKept when deleted:\n  Namespace shop: retained on delete (dropping it from the stack leaves it in the cluster)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("frontend:cluster = (not set): names no cluster", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_StickinessAndMirror_SummaryNamesTheCookieAndTheShadowedShare()
    {
        var extra = """
              frontend:stickiness:
                cookie: ver
                sameSite: Strict
              frontend:routing:
                mirror:
                  version: v3
                  percent: 12.5
            """;
        var project = _temp.WriteProject("sticky", StackYaml.TwoVersions(90, 10, StackYaml.ThirdVersion(0), extra));

        var run = await CliRun.Of("render", "sticky", "--out", _temp.Combine("sticky"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nMatch routes: none\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nStickiness: cookie ver (Max-Age=86400; Path=/; Secure; HttpOnly; SameSite=Strict); visitors carrying it return to v1, v2; new visitors get the split and the cookie of the version they land on\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nMirroring: 12.5% of the split's requests copied to v3 (responses discarded)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TesterRouteNamedLikeAStickyRoute_SummaryStillListsItAsAMatchRoute()
    {
        var extra = """
              frontend:stickiness:
                cookie: ver
              frontend:routing:
                matches:
                  - name: sticky-beta
                    header:
                      name: x-beta
                      exact: "on"
                    version: v2
            """;
        var project = _temp.WriteProject("beta", StackYaml.TwoVersions(90, 10, extraConfig: extra));

        var run = await CliRun.Of("render", "beta", "--out", _temp.Combine("beta"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\nMatch routes (before the split):\n  sticky-beta: headers.x-beta.exact=on -> v2\nStickiness: cookie ver ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_VersionAtZeroWeight_SummaryStillShowsItAtZeroPercent()
    {
        var project = _temp.WriteProject("retiring", StackYaml.TwoVersions(100, 0));

        var run = await CliRun.Of("render", "retiring", "--out", _temp.Combine("retiring"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\n  v1 +100%  1 replica of ghcr\.io/acme/frontend:1\.4\.2", run.Stdout);
        Assert.Matches(@"\n  v2 +0%  1 replica of ghcr\.io/acme/frontend:1\.5\.0", run.Stdout);
    }

    [Fact]
    public async Task Render_ReadOnlyRootFilesystemTurnedOff_SummaryNamesTheOverride()
    {
        var project = _temp.WriteProject("writable", StackYaml.TwoVersions(extraConfig: "  frontend:app:\n    security:\n      readOnlyRootFilesystem: false\n"));

        var run = await CliRun.Of("render", "writable", "--out", _temp.Combine("writable"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Secure defaults overridden:\n  app.security.readOnlyRootFilesystem = false (default true)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ProdStackOptingOutOfProduction_SummaryNamesTheOverride()
    {
        var project = _temp.WriteProject("prod-eu", StackYaml.TwoVersions(extraConfig: "  frontend:production: false\n"));

        var run = await CliRun.Of("render", "prod-eu", "--out", _temp.Combine("prod-eu"), "--project-dir", project);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Secure defaults overridden:\n  production = false on stack 'prod-eu' (default true: pinned images, STRICT mTLS and disruption budgets are not enforced)\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Dev_SummarySaysNoSecureDefaultWasOverridden()
    {
        var run = await CliRun.Of("render", "dev", "--out", _temp.Combine("dev"), "--project-dir", RepositoryPaths.Root);

        Assert.Contains("Secure defaults overridden: none\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Secrets: none\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OutFolderHoldingOtherFiles_RefusesAndKeepsThem()
    {
        var output = _temp.Combine("precious");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep me");

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Refusal(output, "'notes.txt', which is not part of a render"), run.Stderr);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public async Task Render_StrayFileInManifestFolder_RefusesNamingItAndChangesNothing()
    {
        var output = await RenderedDev();
        File.WriteAllText(Path.Combine(output, "1-manifest", "extra.yaml"), "# hand-written\nkeep: me\n");
        var before = Files(output);

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Refusal(output, "'1-manifest/extra.yaml', which is not part of a render (not a Kubernetes manifest)"), run.Stderr);
        Assert.Equal("", run.Stdout);
        AssertUnchanged(before, output);
    }

    [Fact]
    public async Task Render_StrayFileInCrdFolder_RefusesNamingItAndChangesNothing()
    {
        var output = await RenderedDev();
        File.WriteAllText(Path.Combine(output, "0-crd", "notes.txt"), "keep me");
        var before = Files(output);

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Refusal(output, "'0-crd/notes.txt', which is not part of a render (not a .yaml file)"), run.Stderr);
        AssertUnchanged(before, output);
    }

    [Fact]
    public async Task Render_NestedFolderInManifestFolder_RefusesNamingTheFolderAndChangesNothing()
    {
        var output = await RenderedDev();
        Directory.CreateDirectory(Path.Combine(output, "1-manifest", "overlays"));
        File.WriteAllText(Path.Combine(output, "1-manifest", "overlays", "patch.yaml"), "keep: me\n");
        var before = Files(output);

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Refusal(output, "'1-manifest/overlays', which is not part of a render (a nested folder)"), run.Stderr);
        AssertUnchanged(before, output);
    }

    [Fact]
    public async Task Render_LayoutFileNameHoldingAnotherResource_RefusesSayingWhereThatResourceBelongs()
    {
        var output = await RenderedDev();
        var hijacked = Path.Combine(output, "1-manifest", "v1-service-frontend-dev-frontend.yaml");
        File.WriteAllText(hijacked, "apiVersion: v1\nkind: Service\nmetadata:\n  name: legacy\n  namespace: frontend-dev\n");
        var before = Files(output);

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            Refusal(output, "'1-manifest/v1-service-frontend-dev-frontend.yaml', which is not part of a render (it holds Service frontend-dev/legacy, which a render writes to 1-manifest/v1-service-frontend-dev-legacy.yaml)"),
            run.Stderr);
        AssertUnchanged(before, output);
    }

    [Fact]
    public async Task Render_SeveralStrayEntries_NamesEachOnItsOwnLine()
    {
        var output = await RenderedDev();
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep me");
        File.WriteAllText(Path.Combine(output, "0-crd", ".gitkeep"), "");
        File.WriteAllText(Path.Combine(output, "1-manifest", "extra.yaml"), "keep: me\n");
        var before = Files(output);

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            Refusal(
                output,
                "'0-crd/.gitkeep', which is not part of a render (a hidden file)",
                "'1-manifest/extra.yaml', which is not part of a render (not a Kubernetes manifest)",
                "'notes.txt', which is not part of a render"),
            run.Stderr);
        AssertUnchanged(before, output);
    }

    [Fact]
    public async Task Render_OverPreviousRenderOfAnotherStack_ReplacesItAndRemovesWhatTheNewRenderDoesNotProduce()
    {
        var output = _temp.Combine("shared");
        await CliRun.Of("render", "prod", "--out", output, "--project-dir", RepositoryPaths.Root);
        var devOnly = await RenderedDev();

        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        var expected = Files(devOnly);
        Assert.Equal(expected.Keys, Files(output).Keys);
        Assert.False(File.Exists(Path.Combine(output, "1-manifest", "policy_v1-poddisruptionbudget-frontend-frontend-v1.yaml")));
        AssertUnchanged(expected, output);
    }

    [Fact]
    public async Task Render_UnknownStack_ExitsOneAndNamesTheStacksThere()
    {
        var run = await CliRun.Of("render", "staging", "--out", _temp.Combine("staging"), "--project-dir", RepositoryPaths.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Stacks here: ambient, dev, prod.", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("staging")));
    }

    private static string Refusal(string output, params string[] entries) =>
        string.Concat(entries.Select(entry => $"error: --out {output} holds {entry}; give an empty or new folder (a render replaces the whole folder)\n"))
        + "Run 'render --help' for usage.\n";

    private static void AssertUnchanged(SortedDictionary<string, byte[]> before, string folder)
    {
        var after = Files(folder);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
    }

    private async Task<string> RenderedDev()
    {
        var output = _temp.Combine("dev");
        var run = await CliRun.Of("render", "dev", "--out", output, "--project-dir", RepositoryPaths.Root);
        Assert.Equal(0, run.ExitCode);
        return output;
    }

    private static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);
}
