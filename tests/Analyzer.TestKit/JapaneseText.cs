using System.Text.RegularExpressions;
using Xunit;

namespace Extls.TestKit;

/// <summary>What a test of Japanese output asks of every line a command printed: Japanese, with no English sentence left.</summary>
public static partial class JapaneseText
{
    [GeneratedRegex("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex JapaneseCharacter();

    // Three English words in a row: a sentence left untranslated.
    [GeneratedRegex(@"[A-Za-z]+(?:[ ,;']+[A-Za-z]+){2,}")]
    private static partial Regex EnglishRun();

    /// <summary>
    /// Every line is Japanese, and none holds an English sentence once the names it quotes (paths, commands, values,
    /// a library's own message) are taken out.
    /// </summary>
    public static void AssertAllJapanese(string text, params string[] names)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.True(JapaneseCharacter().IsMatch(line), $"not Japanese: {line}");
            var rest = names.OrderByDescending(n => n.Length).Aggregate(line, (t, n) => t.Replace(n, " ", StringComparison.Ordinal));
            Assert.False(EnglishRun().IsMatch(rest), $"English left: {line}");
        }
    }
}
