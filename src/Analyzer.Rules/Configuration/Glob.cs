namespace Extls.Rules.Configuration;

/// <summary>The suppression target glob: <c>*</c> matches any run of characters, <c>?</c> exactly one; case-insensitive.</summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text)
    {
        // Iterative matcher with single backtrack point: linear in practice, no regex to escape.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool CharEquals(char a, char b) =>
        a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
