namespace Frontend.Infra.Configuration;

internal enum ProblemSeverity
{
    Error,
    Warning,

    /// <summary>
    /// A rule on a value the offline render could not see (a <c>secure:</c> leaf shown as its placeholder):
    /// neither refused nor passed. <c>pulumi preview</c> and <c>pulumi up</c> decrypt it and check it.
    /// </summary>
    NotCheckedOffline,
}

/// <summary>
/// One thing wrong with stack config, in the words a person needs to fix it: which key, which rule,
/// the value found, and the command or edit that fixes it.
/// </summary>
internal sealed record ConfigProblem(
    ConfigPath Path,
    string Rule,
    string Value,
    string Fix,
    ProblemSeverity Severity = ProblemSeverity.Error)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary>The problem as a person reads it in <paramref name="stack"/>: every fix command names that stack.</summary>
    public string ToString(string stack) => Text(ConfigPath.NameStack(Fix, stack));

    /// <summary>The problem without naming a stack (its commands then edit whichever stack is selected).</summary>
    public override string ToString() => Text(ConfigPath.NameStack(Fix, stack: null));

    private string Text(string fix) => $"{Path} = {Value}: {Rule}. Fix: {fix}";
}
