using System.Text.RegularExpressions;
using Frontend.Cli.Tests.Support;

namespace Frontend.Cli.Tests.Docs;

/// <summary>
/// The README is a short entry point and docs/ holds the rest, so most of what a reader follows is a link between
/// files: every relative link in README.md and docs/*.md must reach a file that exists, and every #anchor a
/// heading of that file, by GitHub's anchor rules.
/// </summary>
public sealed partial class DocumentationLinksTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string> { "README.md" };
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            documents.Add($"docs/{Path.GetFileName(path)}");
        }

        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Links_InTheRepositorysDocuments_ReachAFileAndHeadingThatExist(string document)
    {
        var broken = BrokenLinks(Path.Combine(RepositoryPaths.Root, document));

        Assert.True(broken.Count == 0, $"{document}:\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void BrokenLinks_AMissingFileAndAMissingHeading_BothReported()
    {
        File.WriteAllText(_temp.Combine("other.md"), "# Other\n\n## A heading, with `code`\n");
        File.WriteAllText(_temp.Combine("index.md"), """
            # Index

            [fine](other.md#a-heading-with-code) [fine too](#index) [web](https://example.com/x.md)
            [no file](missing.md) [no heading](other.md#no-such-heading)

            ```text
            [in a code block](ignored.md)
            ```
            `[in code](ignored.md)`
            """);

        var broken = BrokenLinks(_temp.Combine("index.md"));

        Assert.Equal(["line 4: missing.md: no such file", "line 4: other.md#no-such-heading: no such heading in other.md"], broken);
    }

    [Theory]
    [InlineData("Progressive delivery: rollout", "progressive-delivery-rollout")]
    [InlineData("How `rollout run` decides", "how-rollout-run-decides")]
    [InlineData("The preview identity's RBAC", "the-preview-identitys-rbac")]
    [InlineData("Istio types, and regenerating them for another Istio release", "istio-types-and-regenerating-them-for-another-istio-release")]
    [InlineData("On a fresh machine: two commands", "on-a-fresh-machine-two-commands")]
    [InlineData("snake_case and kebab-case", "snake_case-and-kebab-case")]
    public void Anchor_Heading_FollowsGitHubsRules(string heading, string expected)
    {
        Assert.Equal(expected, Anchor(heading));
    }

    [Fact]
    public void Anchors_ARepeatedHeading_GetsANumberedSuffix()
    {
        var anchors = Anchors("# Setup\n\n## Setup\n\n```bash\n# not a heading\n```\n");

        Assert.Equal(["setup", "setup-1"], anchors.Order(StringComparer.Ordinal));
    }

    /// <summary>One line per broken link in the file: "line N: target: what is wrong".</summary>
    private static List<string> BrokenLinks(string file)
    {
        var broken = new List<string>();
        var folder = Path.GetDirectoryName(file)!;
        var lines = File.ReadAllLines(file);
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (FenceRegex().IsMatch(lines[i]))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            foreach (Match link in LinkRegex().Matches(CodeSpanRegex().Replace(lines[i], "")))
            {
                var problem = Check(folder, file, link.Groups["target"].Value);
                if (problem is not null)
                {
                    broken.Add($"line {i + 1}: {link.Groups["target"].Value}: {problem}");
                }
            }
        }

        return broken;
    }

    private static string? Check(string folder, string file, string target)
    {
        if (SchemeRegex().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var pathPart = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var path = pathPart.Length == 0 ? file : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(pathPart)));

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return "no such file";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!path.EndsWith(".md", StringComparison.Ordinal))
        {
            return $"an anchor into {pathPart}, which is not Markdown";
        }

        return Anchors(File.ReadAllText(path)).Contains(anchor)
            ? null
            : $"no such heading in {(pathPart.Length == 0 ? Path.GetFileName(file) : pathPart)}";
    }

    /// <summary>The anchors GitHub gives a Markdown file's headings, a repeated one suffixed -1, -2, ...</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (FenceRegex().IsMatch(line))
            {
                inFence = !inFence;
                continue;
            }

            var heading = HeadingRegex().Match(line);
            if (inFence || !heading.Success)
            {
                continue;
            }

            var anchor = Anchor(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(anchor);
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
            seen[anchor] = count + 1;
        }

        return anchors;
    }

    /// <summary>GitHub's rule: link text only, lower-case, punctuation other than '-' and '_' dropped, spaces to '-'.</summary>
    private static string Anchor(string heading)
    {
        var text = HeadingLinkRegex().Replace(heading.Trim(), "${text}");
        return PunctuationRegex().Replace(text.ToLowerInvariant(), "").Replace(' ', '-');
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"(`+)[^`].*?\1")]
    private static partial Regex CodeSpanRegex();

    [GeneratedRegex(@"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?<target>[^()\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex HeadingLinkRegex();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{Nd}\p{Pc} -]")]
    private static partial Regex PunctuationRegex();
}
