namespace Frontend.Cli.Tests.Support;

/// <summary>
/// A fake <c>pulumi</c> for the scripts and loops that run the real one: it records each call in
/// <c>&lt;state&gt;/pulumi.log</c> and keeps the stack's tags as files in <c>&lt;state&gt;/tags</c>. Lines:
/// "tag ls &lt;stack&gt;", "tag set &lt;stack&gt; &lt;name&gt; &lt;value&gt;", and "up &lt;stack&gt; &lt;commit of --cwd&gt;" followed by what
/// the caller's <c>upDetail</c> prints. An <c>up</c> of the commit in <c>&lt;state&gt;/fail-at</c> fails; any other call
/// fails too, so a script cannot drift from what the tests expect unnoticed.
/// </summary>
internal static class FakePulumi
{
    private const string Script = """
        #!/usr/bin/env bash
        set -euo pipefail
        state=@STATE@
        stack= cwd= yes=false
        args=("$@")
        for ((i = 0; i < ${#args[@]}; i++)); do
          case ${args[i]} in
            --stack) stack=${args[i + 1]} ;;
            --cwd) cwd=${args[i + 1]} ;;
            --yes) yes=true ;;
          esac
        done
        if [ "$1 ${2:-} ${3:-}" = "stack tag ls" ]; then
          echo "tag ls $stack" >> "$state/pulumi.log"
          printf '{"pulumi:project":"frontend"'
          shopt -s nullglob
          for file in "$state"/tags/*; do
            printf ',"%s":"%s"' "$(basename "$file")" "$(cat "$file")"
          done
          printf '}\n'
        elif [ "$1 ${2:-} ${3:-}" = "stack tag set" ]; then
          echo "tag set $stack $4 $5" >> "$state/pulumi.log"
          printf '%s' "$5" > "$state/tags/$4"
        elif [ "$1" = up ] && $yes && [ -n "$cwd" ]; then
          commit=$(git -C "$cwd" rev-parse HEAD)
          echo "up $stack $commit@DETAIL@" >> "$state/pulumi.log"
          if [ "$commit" = "$(cat "$state/fail-at" 2>/dev/null)" ]; then
            echo "error: update failed" >&2
            exit 255
          fi
        else
          echo "unexpected $*" >> "$state/pulumi.log"
          echo "fake pulumi: unexpected call: $*" >&2
          exit 64
        fi
        """;

    /// <summary>Writes the fake as <c>&lt;state&gt;/bin/pulumi</c> and returns its path; <c>&lt;state&gt;/tags</c> is created.</summary>
    /// <param name="upDetail">Bash that may add to an <c>up</c> line, run with <c>$cwd</c> set: say, the weights applied.</param>
    public static string Write(string state, string upDetail = "")
    {
        // The fake is bash and must be executable; failing here beats a skip that proves nothing.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the fake pulumi is a bash script and needs a Unix file system.");
        }

        Directory.CreateDirectory(Path.Combine(state, "bin"));
        Directory.CreateDirectory(Path.Combine(state, "tags"));
        var pulumi = Path.Combine(state, "bin", "pulumi");
        File.WriteAllText(pulumi, Script.Replace("@STATE@", $"'{state}'", StringComparison.Ordinal).Replace("@DETAIL@", upDetail, StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(pulumi, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return pulumi;
    }
}
