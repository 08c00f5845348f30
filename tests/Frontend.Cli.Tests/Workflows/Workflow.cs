using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Frontend.Cli.Tests.Workflows;

/// <summary>
/// One GitHub Actions workflow under .github/workflows, read with YamlDotNet's representation model: just
/// enough of GitHub's schema to check who gets which permissions and secrets.
/// </summary>
internal sealed class Workflow
{
    private Workflow(string fileName, YamlMappingNode root)
    {
        FileName = fileName;
        Root = root;
        Jobs = Child(root, "jobs") is YamlMappingNode jobs
            ? [.. jobs.Children.Select(job => new WorkflowJob(this, Scalar(job.Key), (YamlMappingNode)job.Value))]
            : [];
    }

    public string FileName { get; }

    public YamlMappingNode Root { get; }

    public IReadOnlyList<WorkflowJob> Jobs { get; }

    /// <summary>
    /// The events under <c>on:</c>, whichever of its three forms (one name, a list, a mapping) the file uses.
    /// </summary>
    public IReadOnlyList<string> Triggers => Child(Root, "on") switch
    {
        YamlScalarNode single => [Scalar(single)],
        YamlSequenceNode list => [.. list.Children.Select(Scalar)],
        YamlMappingNode events => [.. events.Children.Keys.Select(Scalar)],
        _ => [],
    };

    public YamlNode? Permissions => Child(Root, "permissions");

    public YamlNode? Concurrency => Child(Root, "concurrency");

    public static Workflow Load(string fileName)
    {
        var path = Path.Combine(RepositoryPaths.Root, ".github", "workflows", fileName);
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new Workflow(fileName, (YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public WorkflowJob Job(string id) =>
        Jobs.SingleOrDefault(job => job.Id == id) ?? throw new InvalidOperationException($"{FileName} has no job '{id}'.");

    /// <summary>Every job the given one waits for, directly or through others.</summary>
    public IReadOnlySet<string> AllNeeds(WorkflowJob job)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(job.Needs);
        while (pending.TryPop(out var id))
        {
            if (found.Add(id))
            {
                foreach (var next in Job(id).Needs)
                {
                    pending.Push(next);
                }
            }
        }

        return found;
    }

    public static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string Scalar(YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new InvalidOperationException($"Expected a scalar at {node.Start}, found {node.NodeType}.");

    /// <summary>Every scalar under a node, keys included, depth first.</summary>
    public static IEnumerable<YamlScalarNode> Scalars(YamlNode? node) => node switch
    {
        YamlScalarNode scalar => [scalar],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => Scalars(pair.Key).Concat(Scalars(pair.Value))),
        _ => [],
    };
}

/// <summary>One job of a <see cref="Workflow"/>.</summary>
internal sealed partial class WorkflowJob
{
    private static readonly string[] StatusFunctions = ["always()", "failure()", "cancelled()"];

    private readonly Workflow _workflow;

    public WorkflowJob(Workflow workflow, string id, YamlMappingNode node)
    {
        _workflow = workflow;
        Id = id;
        Node = node;
    }

    public string Id { get; }

    public YamlMappingNode Node { get; }

    public YamlNode? Permissions => Workflow.Child(Node, "permissions");

    /// <summary>
    /// What the job's <c>permissions</c> grant beyond reading, as <c>scope: write</c> or <c>write-all</c>.
    /// </summary>
    public IReadOnlyList<string> WriteGrants => Permissions switch
    {
        YamlScalarNode { Value: "read-all" } => [],
        YamlScalarNode all => [Workflow.Scalar(all)],
        YamlMappingNode scopes => [.. scopes.Children
            .Where(scope => Workflow.Scalar(scope.Value) != "read" && Workflow.Scalar(scope.Value) != "none")
            .Select(scope => $"{Workflow.Scalar(scope.Key)}: {Workflow.Scalar(scope.Value)}")],
        _ => [],
    };

    /// <summary>The environment's name, whether written as a name or as a mapping with <c>name:</c>.</summary>
    public string? Environment => Workflow.Child(Node, "environment") switch
    {
        YamlScalarNode name => Workflow.Scalar(name),
        YamlMappingNode environment when Workflow.Child(environment, "name") is { } name => Workflow.Scalar(name),
        _ => null,
    };

    public IReadOnlyList<string> Needs => Workflow.Child(Node, "needs") switch
    {
        YamlScalarNode one => [Workflow.Scalar(one)],
        YamlSequenceNode many => [.. many.Children.Select(Workflow.Scalar)],
        _ => [],
    };

    public string? If => Workflow.Child(Node, "if") is { } condition ? Workflow.Scalar(condition) : null;

    /// <summary>
    /// True when the job's <c>if</c> lets it run although a job it needs failed or was cancelled, which
    /// would take it past a failed check.
    /// </summary>
    public bool RunsDespiteFailedNeeds => If is { } condition && StatusFunctions.Any(function => condition.Contains(function, StringComparison.Ordinal));

    public IReadOnlyList<YamlMappingNode> Steps =>
        Workflow.Child(Node, "steps") is YamlSequenceNode steps ? [.. steps.Children.Cast<YamlMappingNode>()] : [];

    /// <summary>Every action or reusable workflow the job uses, its own <c>uses</c> included.</summary>
    public IReadOnlyList<string> Uses =>
        [.. new YamlNode?[] { Workflow.Child(Node, "uses") }.Concat(Steps.Select(step => Workflow.Child(step, "uses")))
            .OfType<YamlScalarNode>()
            .Select(Workflow.Scalar)];

    public IReadOnlyList<string> RunScripts =>
        [.. Steps.Select(step => Workflow.Child(step, "run")).OfType<YamlScalarNode>().Select(Workflow.Scalar)];

    /// <summary>Scripts GitHub hands to a shell or to Node: <c>run</c>, and github-script's <c>with.script</c>.</summary>
    public IReadOnlyList<string> Scripts =>
        [.. RunScripts, .. Steps
            .Select(step => Workflow.Child(step, "with") is { } with ? Workflow.Child(with, "script") : null)
            .OfType<YamlScalarNode>()
            .Select(Workflow.Scalar)];

    public bool ChecksOut => Uses.Any(uses => uses.StartsWith("actions/checkout@", StringComparison.Ordinal));

    /// <summary>
    /// True when the job checks out the repository or runs dotnet or pulumi, which in a pull request's run
    /// means running the pull request's code (its program, its build files, its tests).
    /// </summary>
    public bool RunsRepositoryCode =>
        ChecksOut
        || Uses.Any(uses => uses.StartsWith("pulumi/", StringComparison.Ordinal) || uses.StartsWith("./", StringComparison.Ordinal))
        || RunScripts.Any(script => DotnetOrPulumi().IsMatch(script));

    /// <summary>
    /// The secrets the job can read: <c>secrets.NAME</c>, <c>secrets['NAME']</c>, <c>secrets[matrix.KEY]</c>
    /// (every value the matrix gives KEY), <c>github.token</c> as GITHUB_TOKEN, in the job or in the
    /// workflow's <c>env</c>. Any other use of <c>secrets</c> (<c>toJSON(secrets)</c>, <c>secrets: inherit</c>,
    /// an index this cannot resolve) comes back as <c>&lt;unresolved: ...&gt;</c>, so a policy that lists
    /// the allowed names fails on it instead of missing it.
    /// </summary>
    public IReadOnlySet<string> Secrets
    {
        get
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            if (Workflow.Child(Node, "secrets") is { } passed)
            {
                found.Add($"<unresolved: secrets: {(passed is YamlScalarNode value ? value.Value : passed.NodeType.ToString())}>");
            }

            var scalars = Workflow.Scalars(Node).Concat(Workflow.Scalars(Workflow.Child(_workflow.Root, "env")));
            foreach (var expression in scalars.SelectMany(scalar => Expression().Matches(scalar.Value ?? "")).Select(match => match.Groups["body"].Value))
            {
                if (GithubToken().IsMatch(expression))
                {
                    found.Add("GITHUB_TOKEN");
                }

                foreach (Match use in SecretsUse().Matches(expression))
                {
                    foreach (var name in Resolve(use, expression))
                    {
                        found.Add(name);
                    }
                }
            }

            return found;
        }
    }

    private List<string> Resolve(Match use, string expression)
    {
        if (use.Groups["name"].Success)
        {
            return [use.Groups["name"].Value.ToUpperInvariant()];
        }

        if (use.Groups["quoted"].Success)
        {
            return [use.Groups["quoted"].Value.ToUpperInvariant()];
        }

        if (use.Groups["matrix"].Success)
        {
            var values = MatrixValues(use.Groups["matrix"].Value);
            if (values.Count > 0 && values.All(value => !value.Contains("${{", StringComparison.Ordinal)))
            {
                return values.ConvertAll(value => value.ToUpperInvariant());
            }
        }

        return [$"<unresolved: {expression.Trim()}>"];
    }

    /// <summary>Every value the job's matrix gives a key, from the key's own list and from <c>include</c>.</summary>
    private List<string> MatrixValues(string key)
    {
        var matrix = Workflow.Child(Node, "strategy") is { } strategy ? Workflow.Child(strategy, "matrix") : null;
        var values = new List<string>();
        switch (Workflow.Child(matrix ?? new YamlMappingNode(), key))
        {
            case YamlSequenceNode list:
                values.AddRange(list.Children.Select(Workflow.Scalar));
                break;
            case YamlScalarNode one:
                values.Add(Workflow.Scalar(one));
                break;
        }

        if (matrix is not null && Workflow.Child(matrix, "include") is YamlSequenceNode include)
        {
            values.AddRange(include.Children.Select(entry => Workflow.Child(entry, key)).OfType<YamlScalarNode>().Select(Workflow.Scalar));
        }

        return values;
    }

    [GeneratedRegex(@"\$\{\{(?<body>.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Expression();

    [GeneratedRegex(@"\bgithub\s*\.\s*token\b|\bgithub\s*\[\s*'token'\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex GithubToken();

    // Expressions and secret names are case-insensitive. A use that fits none of the three forms still
    // matches, with no group, and so comes back unresolved.
    [GeneratedRegex(
        @"\bsecrets\b(?:\s*\.\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)|\s*\[\s*'(?<quoted>[^']+)'\s*\]|\s*\[\s*matrix\s*\.\s*(?<matrix>[A-Za-z_][A-Za-z0-9_-]*)\s*\])?",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretsUse();

    [GeneratedRegex(@"\b(dotnet|pulumi)\b")]
    private static partial Regex DotnetOrPulumi();
}
