namespace Extls.Cli;

/// <summary>
/// The reader's language for what the command line itself writes (usage errors, input errors, hints), read from
/// --culture before the command line is parsed: an error in parsing it must already speak the reader's language.
/// </summary>
internal static class CliCulture
{
    public static bool IsJapanese(string? culture) => string.Equals(culture?.Trim(), "ja", StringComparison.OrdinalIgnoreCase);

    /// <summary>"ja" when the arguments say --culture ja (or --culture=ja) anywhere, else "en"; the last one given wins, as for any option.</summary>
    public static string Of(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var culture = "en";
        for (var i = 0; i < args.Count; i++)
        {
            if (string.Equals(args[i], "--culture", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                culture = IsJapanese(args[i + 1]) ? "ja" : "en";
            }
            else if (args[i].StartsWith("--culture=", StringComparison.Ordinal) || args[i].StartsWith("--culture:", StringComparison.Ordinal))
            {
                culture = IsJapanese(args[i]["--culture=".Length..]) ? "ja" : "en";
            }
        }

        return culture;
    }

    /// <summary>True when the arguments name a culture and nothing else (`extls --culture ja`): bare extls, in that language.</summary>
    public static bool NamesOnlyCulture(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = 0;
        while (i < args.Count)
        {
            if (string.Equals(args[i], "--culture", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                i += 2;
            }
            else if (args[i].StartsWith("--culture=", StringComparison.Ordinal) || args[i].StartsWith("--culture:", StringComparison.Ordinal))
            {
                i++;
            }
            else
            {
                return false;
            }
        }

        return args.Count > 0;
    }

    /// <summary>A sentence the command line writes, in the reader's language.</summary>
    public static string Say(this CliHost host, string english, string japanese) => IsJapanese(host.Culture) ? japanese : english;
}
