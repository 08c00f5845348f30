using Frontend.Cli.Rollout;

namespace Frontend.Cli.Tests.Rollout;

/// <summary>The stack-file editor on its own: only weight values change, byte for byte everything else stays.</summary>
public sealed class StackFileEditorTests
{
    private const string Path = "Pulumi.prod.yaml";

    private static readonly Dictionary<string, int> Step = new(StringComparer.Ordinal) { ["v1"] = 75, ["v2"] = 25 };

    private static string Edit(string text, IReadOnlyDictionary<string, int>? weights = null) =>
        StackFileEditor.Parse(Path, text, "frontend").Apply(weights ?? Step);

    private static string Refusal(string text) =>
        Assert.Throws<StackEditException>(() => Edit(text)).Message;

    [Fact]
    public void Apply_BlockStyleWithComments_ChangesOnlyTheWeights()
    {
        const string before = """
            # prod
            config:
              frontend:versions:
                - name: v1      # stable
                  weight: 90    # most traffic
                  image: ghcr.io/acme/frontend:1.4.2
                # the canary
                - name: v2
                  weight: 10
            """;

        Assert.Equal(before.Replace("weight: 90 ", "weight: 75 ", StringComparison.Ordinal).Replace("weight: 10", "weight: 25", StringComparison.Ordinal), Edit(before));
    }

    [Fact]
    public void Apply_FlowStyleVersions_ChangesOnlyTheWeights()
    {
        const string before = "config:\n  frontend:versions: [{name: v1, weight: 90}, {name: v2, weight: 10}]\n";

        Assert.Equal("config:\n  frontend:versions: [{name: v1, weight: 75}, {name: v2, weight: 25}]\n", Edit(before));
    }

    [Fact]
    public void Apply_FlowStyleEntriesInABlockList_ChangesOnlyTheWeights()
    {
        const string before = "config:\n  frontend:versions:\n    - {name: v1, weight: 90, image: 'a:1'}\n    - {weight: 10, name: v2}\n";

        Assert.Equal("config:\n  frontend:versions:\n    - {name: v1, weight: 75, image: 'a:1'}\n    - {weight: 25, name: v2}\n", Edit(before));
    }

    [Fact]
    public void Apply_QuotedWeights_KeepTheirQuotes()
    {
        const string before = "config:\n  frontend:versions:\n    - name: \"v1\"\n      weight: '90'\n    - name: v2\n      weight: \"10\"\n";

        Assert.Equal("config:\n  frontend:versions:\n    - name: \"v1\"\n      weight: '75'\n    - name: v2\n      weight: \"25\"\n", Edit(before));
    }

    [Fact]
    public void Apply_CrlfFile_KeepsEveryCrlf()
    {
        const string before = "# prod\r\nconfig:\r\n  frontend:versions:\r\n    - name: v1\r\n      weight: 90\r\n    - name: v2\r\n      weight: 10\r\n";

        Assert.Equal("# prod\r\nconfig:\r\n  frontend:versions:\r\n    - name: v1\r\n      weight: 75\r\n    - name: v2\r\n      weight: 25\r\n", Edit(before));
    }

    [Fact]
    public void Apply_UnchangedWeight_IsNotTouched()
    {
        const string before = "config:\n  frontend:versions:\n    - name: v1\n      weight: 0090\n    - name: v2\n      weight: 10\n";

        var after = Edit(before, new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 25 });

        Assert.Equal("config:\n  frontend:versions:\n    - name: v1\n      weight: 0090\n    - name: v2\n      weight: 25\n", after);
    }

    [Fact]
    public void Apply_NoWeightKeyAndWeightStaysZero_ChangesNothingForThatVersion()
    {
        const string before = "config:\n  frontend:versions:\n    - name: v1\n      weight: 90\n    - name: v2\n      weight: 10\n    - name: v3\n";

        var after = Edit(before, new Dictionary<string, int> { ["v1"] = 75, ["v2"] = 25, ["v3"] = 0 });

        Assert.Equal("config:\n  frontend:versions:\n    - name: v1\n      weight: 75\n    - name: v2\n      weight: 25\n    - name: v3\n", after);
    }

    [Fact]
    public void Apply_NoWeightKeyAndWeightChanges_IsRefused()
    {
        const string text = "config:\n  frontend:versions:\n    - name: v1\n      weight: 100\n    - name: v2\n";

        var error = Assert.Throws<StackEditException>(() => Edit(text, new Dictionary<string, int> { ["v1"] = 90, ["v2"] = 10 }));

        Assert.Equal("Pulumi.prod.yaml: versions[1] (v2) sets no weight, so there is no value to change without adding a line; add 'weight: 0' to it by hand, then run the command again.", error.Message);
    }

    [Fact]
    public void Parse_SecretWeight_IsRefused()
    {
        Assert.Equal(
            "Pulumi.prod.yaml: frontend:versions[1].weight is a secret (secure:), which only Pulumi can change; the rollout tool changes only plain weight values it can find with certainty, so it wrote nothing. Set the weights by hand (pulumi config set --path 'versions[<i>].weight' <n>).",
            Refusal("config:\n  frontend:versions:\n    - name: v1\n      weight: 90\n    - name: v2\n      weight:\n        secure: AAABAxyz\n"));
    }

    [Fact]
    public void Parse_AliasedWeight_IsRefused()
    {
        Assert.StartsWith(
            "Pulumi.prod.yaml: frontend:versions[1].weight is the alias *w, so its value lives elsewhere in the file;",
            Refusal("x: &w 10\nconfig:\n  frontend:versions:\n    - name: v1\n      weight: 90\n    - name: v2\n      weight: *w\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnchoredWeight_IsRefused()
    {
        Assert.StartsWith(
            "Pulumi.prod.yaml: frontend:versions[0].weight carries the anchor &w, so other values may follow it;",
            Refusal("config:\n  frontend:versions:\n    - name: v1\n      weight: &w 90\n    - name: v2\n      weight: 10\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MergeKeyInAVersion_IsRefused()
    {
        Assert.StartsWith(
            "Pulumi.prod.yaml: frontend:versions[1] merges another map ('<<'), so its weight may come from elsewhere;",
            Refusal("base: &b {weight: 10}\nconfig:\n  frontend:versions:\n    - name: v1\n      weight: 90\n    - name: v2\n      <<: *b\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateWeightKey_IsRefused()
    {
        Assert.StartsWith(
            "Pulumi.prod.yaml: frontend:versions[0] has the key weight 2 times;",
            Refusal("config:\n  frontend:versions:\n    - name: v1\n      weight: 90\n      weight: 80\n    - name: v2\n      weight: 10\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TaggedWeight_IsRefused()
    {
        Assert.StartsWith(
            "Pulumi.prod.yaml: frontend:versions[0].weight carries the tag tag:yaml.org,2002:int;",
            Refusal("config:\n  frontend:versions:\n    - name: v1\n      weight: !!int 90\n    - name: v2\n      weight: 10\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VersionsAsASecret_IsRefused()
    {
        Assert.StartsWith(
            "Pulumi.prod.yaml: frontend:versions is a secret (secure:), which only Pulumi can change;",
            Refusal("config:\n  frontend:versions:\n    secure: AAABAxyz\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FileWithByteOrderMark_KeepsIt()
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"frontend-editor-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. "config:\n  frontend:versions:\n    - name: v1\n      weight: 90\n    - name: v2\n      weight: 10\n"u8.ToArray()]);

            StackFileEditor.Open(file, "frontend").Write(Step, "frontend");

            Assert.Equal([0xEF, 0xBB, 0xBF, .. "config:\n  frontend:versions:\n    - name: v1\n      weight: 75\n    - name: v2\n      weight: 25\n"u8.ToArray()], File.ReadAllBytes(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
