namespace Frontend.Analysis.Users.Changes;

/// <summary>One thing that changes for users, in words; <see cref="Risk"/> says why it deserves a second look, when it does.</summary>
public sealed record ChangeSentence(string Text, string? Risk = null)
{
    public ChangeSentence WithRisk(string reason) => this with { Risk = Risk is null ? reason : $"{Risk}; {reason}" };
}
