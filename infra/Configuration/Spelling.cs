namespace Frontend.Infra.Configuration;

/// <summary>Finds the known name a misspelt one was most likely meant to be.</summary>
internal static class Spelling
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var allowed = Math.Max(2, name.Length / 3);
        // The distance is at least the difference in length: skipping those candidates keeps a pasted
        // megabyte-long key from allocating a megabyte-squared table.
        return candidates
            .Where(candidate => Math.Abs(candidate.Length - name.Length) <= allowed)
            .Select(candidate => (candidate, distance: Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(c => c.distance <= allowed)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Select(c => c.candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance with transpositions counted as one edit (optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
