using Frontend.Infra.Configuration;
using Frontend.Infra.Tests.Testing;

namespace Frontend.Infra.Tests.Configuration;

public sealed class StackConfigValidatorTests
{
    private static StackConfig WithVersions(params VersionConfig[] versions) => SampleConfigs.TwoVersions() with { Versions = versions };

    private static VersionConfig Version(string name = "v1", string image = "ghcr.io/acme/frontend:1.4.2", int replicas = 1, int weight = 100) =>
        new() { Name = name, Image = image, Replicas = replicas, Weight = weight };

    private static string Only(StackConfig config, string stack = "dev") =>
        Assert.Single(StackConfigValidator.Validate(config, stack)).ToString();

    [Fact]
    public void Validate_SampleConfig_HasNoProblems()
    {
        Assert.Empty(StackConfigValidator.Validate(SampleConfigs.TwoVersions(), "dev"));
    }

    [Fact]
    public void Validate_VersionNameNotDns1123_NamesKeyRuleValueAndFix()
    {
        Assert.Equal(
            "frontend:versions[0].name = \"Canary_2\": must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters); it names the Istio subset and the version label. Fix: pulumi config set --path 'versions[0].name' canary-2",
            Only(WithVersions(Version(name: "Canary_2"))));
    }

    [Fact]
    public void Validate_DuplicateVersionNames_PointsAtTheFirstUse()
    {
        var message = Only(WithVersions(Version(weight: 50), Version(weight: 50)));

        Assert.StartsWith("frontend:versions[1].name = \"v1\": must be unique; versions[0] already has this name.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VersionNameTooLongForTheDeploymentName_Refused()
    {
        var message = Only(WithVersions(Version(name: new string('a', 60))));

        Assert.Contains("is too long: the Deployment 'frontend-aaaa", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ImageMalformed_Refused()
    {
        Assert.StartsWith(
            "frontend:versions[0].image = \"ghcr.io/acme/front end\": must be a container image reference",
            Only(WithVersions(Version(image: "ghcr.io/acme/front end"))),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghcr.io/acme/frontend")]
    [InlineData("ghcr.io/acme/frontend:latest")]
    public void Validate_UnpinnedImageInProduction_Refused(string image)
    {
        Assert.Equal(
            $"frontend:versions[0].image = \"{image}\": must be pinned by a tag other than 'latest' or by a digest in production, so every rollout is reproducible. Fix: pulumi config set --path 'versions[0].image' ghcr.io/acme/frontend:<version>",
            Only(WithVersions(Version(image: image)).ProductionReady(), stack: "prod"));
    }

    [Theory]
    [InlineData("ghcr.io/acme/frontend:1.4.2")]
    [InlineData("registry.local:5000/frontend@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Validate_PinnedImageInProduction_Accepted(string image)
    {
        Assert.Empty(StackConfigValidator.Validate(WithVersions(Version(image: image)).ProductionReady(), "prod"));
    }

    [Fact]
    public void Validate_LatestOutsideProduction_Accepted()
    {
        Assert.Empty(StackConfigValidator.Validate(WithVersions(Version(image: "ghcr.io/acme/frontend:latest")), "dev"));
    }

    [Fact]
    public void Validate_ProductionFlagOnAnotherStackName_EnforcesPinning()
    {
        var config = WithVersions(Version(image: "ghcr.io/acme/frontend:latest")).ProductionReady() with { Production = true };

        Assert.Contains("must be pinned", Only(config, stack: "staging"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeReplicas_Refused()
    {
        Assert.Equal(
            "frontend:versions[0].replicas = -2: must be between 0 and 1000. Fix: pulumi config set --path 'versions[0].replicas' 0",
            Assert.Single(StackConfigValidator.Validate(WithVersions(Version(replicas: -2, weight: 0), Version(name: "v2", weight: 100)), "dev")).ToString());
    }

    [Fact]
    public void Validate_WeightOutOfRange_Refused()
    {
        var problems = StackConfigValidator.Validate(WithVersions(Version(weight: 120), Version(name: "v2", weight: -20)), "dev");

        Assert.Equal(
            [
                "frontend:versions[0].weight = 120: must be between 0 and 100 (a percentage of traffic). Fix: pulumi config set --path 'versions[0].weight' 100",
                "frontend:versions[1].weight = -20: must be between 0 and 100 (a percentage of traffic). Fix: pulumi config set --path 'versions[1].weight' 0",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_WeightsNotSummingTo100_ShowsTheSplitAndTheFix()
    {
        Assert.Equal(
            "frontend:versions = [v1 90, v2 20]: weights must add up to exactly 100 (a percentage split), but they add up to 110. Fix: pulumi config set --path 'versions[1].weight' 10",
            Only(SampleConfigs.TwoVersions(v1Weight: 90, v2Weight: 20)));
    }

    [Fact]
    public void Validate_WeightedVersionWithoutReplicas_Refused()
    {
        Assert.Equal(
            "frontend:versions[0].replicas = 0: must be at least 1 while the version receives traffic (weight 100); a routed version with no pods returns 503. Fix: pulumi config set --path 'versions[0].replicas' 1",
            Only(WithVersions(Version(replicas: 0))));
    }

    [Fact]
    public void Validate_RetiredVersionWithoutReplicas_Accepted()
    {
        Assert.Empty(StackConfigValidator.Validate(WithVersions(Version(replicas: 0, weight: 0), Version(name: "v2", weight: 100)), "dev"));
    }

    [Fact]
    public void Validate_NoVersions_Refused()
    {
        Assert.StartsWith("frontend:versions = []: must list at least one version.", Only(WithVersions()), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamespaceNameInvalid_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { Namespace = new NamespaceConfig { Name = "Frontend Dev" } };

        Assert.Equal(
            "frontend:namespace.name = \"Frontend Dev\": must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters). Fix: pulumi config set --path 'namespace.name' frontend-dev",
            Only(config));
    }

    [Fact]
    public void Validate_PortNameWithoutProtocol_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { PortName = "web" } };

        Assert.StartsWith(
            "frontend:app.portName = \"web\": must name the protocol so Istio can route it: one of http, http2, https, grpc",
            Only(config),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("http-web")]
    [InlineData("grpc")]
    public void Validate_PortNameWithProtocol_Accepted(string portName)
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { PortName = portName } };

        Assert.Empty(StackConfigValidator.Validate(config, "dev"));
    }

    [Fact]
    public void Validate_ContainerPortReservedByIstio_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { ContainerPort = 15001 } };

        Assert.StartsWith("frontend:app.containerPort = 15001: is reserved by the Istio sidecar", Only(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ServicePortOutOfRange_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { ServicePort = 70000 } };

        Assert.Equal("frontend:app.servicePort = 70000: must be between 1 and 65535. Fix: pulumi config set --path 'app.servicePort' 65535", Only(config));
    }

    [Fact]
    public void Validate_RunAsIstioProxyUid_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { Security = new PodSecurityConfig { RunAsUser = 1337 } } };

        Assert.StartsWith("frontend:app.security.runAsUser = 1337: must not be 1337, the UID of Istio's sidecar proxy", Only(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RunAsRoot_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { Security = new PodSecurityConfig { RunAsUser = 0 } } };

        Assert.StartsWith("frontend:app.security.runAsUser = 0: must be between 1 and 2147483647 (0 is root; pods run as non-root)", Only(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedQuantity_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { Resources = new ResourcesConfig { MemoryLimit = "256MB" } } };

        Assert.Equal(
            "frontend:app.resources.memoryLimit = \"256MB\": must be a Kubernetes quantity (such as 250m, 1, 128Mi, 1Gi). Fix: pulumi config set --path 'app.resources.memoryLimit' 256Mi",
            Only(config));
    }

    [Fact]
    public void Validate_RequestAboveLimit_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { Resources = new ResourcesConfig { CpuRequest = "2", CpuLimit = "500m" } } };

        Assert.StartsWith("frontend:app.resources.cpuRequest = \"2\": must not exceed app.resources.cpuLimit (500m)", Only(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProbePathWithoutSlash_Refused()
    {
        var config = SampleConfigs.TwoVersions() with { App = new AppConfig { Probes = new ProbesConfig { ReadinessPath = "ready" } } };

        Assert.StartsWith("frontend:app.probes.readinessPath = \"ready\": must be an HTTP path starting with '/'", Only(config), StringComparison.Ordinal);
    }
}
