using System.CommandLine;
using System.Text.RegularExpressions;

namespace Extls.Cli;

/// <summary>
/// The help of every command, option and argument in Japanese, applied to the command tree when --culture ja is on
/// the command line, so `extls analyze --help --culture ja` describes everything in Japanese. Keyed by the command's
/// path and the symbol's name ("analyze --format", "explain PATH"); a test fails when a symbol of the tree has no
/// entry, so a new option cannot reach a Japanese reader in English. What System.CommandLine writes itself (the
/// headings of the help, its --help and --version descriptions, its parse errors) is put into Japanese here too: its
/// own Japanese resources leave half of it in English.
/// </summary>
internal static partial class JapaneseHelp
{
    /// <summary>Replaces the description of every symbol that has a Japanese one.</summary>
    public static void Apply(RootCommand root)
    {
        foreach (var (key, symbol) in Symbols(root))
        {
            if (Texts.TryGetValue(key, out var text))
            {
                symbol.Description = text;
            }
        }
    }

    /// <summary>Every described symbol of the tree, with its key; the built-in --help and --version are left to System.CommandLine.</summary>
    public static IEnumerable<(string Key, Symbol Symbol)> Symbols(Command command, string path = "")
    {
        yield return (path, command);
        foreach (var option in command.Options.Where(o => o.Name is not ("--help" or "--version") && !o.Hidden))
        {
            yield return (Key(path, option.Name), option);
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            yield return (Key(path, argument.Name), argument);
        }

        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var s in Symbols(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return s;
            }
        }
    }

    private static string Key(string path, string name) => path.Length == 0 ? name : $"{path} {name}";

    /// <summary>
    /// The help System.CommandLine wrote, with its own words in Japanese: the headings, the built-in options'
    /// descriptions, "(REQUIRED)" and "[default: …]". "(REQUIRED)" becomes "(必須)" padded to the same ten terminal columns
    /// (a full-width character takes two), so the second column stays where System.CommandLine aligned it.
    /// </summary>
    public static string Headings(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        var lines = help.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            lines[i] = line.TrimEnd('\r') switch
            {
                "Description:" => "説明:",
                "Usage:" => "使用法:",
                "Arguments:" => "引数:",
                "Options:" => "オプション:",
                "Commands:" => "コマンド:",
                "Additional Arguments:" => "追加の引数:",
                _ => line
                    .Replace("Show help and usage information", "ヘルプと使用法を表示します。", StringComparison.Ordinal)
                    .Replace("Show version information", "バージョン情報を表示します。", StringComparison.Ordinal)
                    .Replace("(REQUIRED)", "(必須)    ", StringComparison.Ordinal)
                    .Replace("[default: ", "[既定: ", StringComparison.Ordinal),
            };
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// One of System.CommandLine's parse errors, made under the invariant UI culture (so in its English), in Japanese.
    /// A message none of the patterns knows is kept as the original message after a Japanese sentence.
    /// </summary>
    public static string ParseError(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        foreach (var (pattern, japanese) in ParseErrors)
        {
            var match = pattern.Match(english);
            if (match.Success)
            {
                return japanese(match);
            }
        }

        return $"コマンド ラインを解析できません (詳細: 「{english}」)。";
    }

    private static readonly (Regex Pattern, Func<Match, string> Japanese)[] ParseErrors =
    [
        (Pattern("Option '(?<a>.+)' is required\\."), m => $"オプション {m.Groups["a"].Value} は必須です。"),
        (Pattern("Required argument missing for command: '(?<a>.+)'\\."), m => $"コマンド {m.Groups["a"].Value} に必要な引数がありません。"),
        (Pattern("Required argument missing for option: '(?<a>.+)'\\."), m => $"オプション {m.Groups["a"].Value} に値がありません。"),
        (Pattern("Required command was not provided\\."), _ => "コマンドが指定されていません。"),
        (Pattern("Unrecognized command or argument '(?<a>.+)'\\."), m => $"'{m.Groups["a"].Value}' は認識されないコマンドまたは引数です。"),
        (Pattern("Option '(?<a>.+)' expects a single argument but (?<n>[0-9]+) were provided\\."), m => $"オプション {m.Groups["a"].Value} に指定できる値は 1 つだけです ({m.Groups["n"].Value} 個指定されました)。"),
        (Pattern("Cannot parse argument '(?<a>.*)' for option '(?<o>.+)' as expected type '(?<t>.+)'\\.(?<rest>.*)"), m => $"オプション {m.Groups["o"].Value} の値 '{m.Groups["a"].Value}' を解釈できません ({Type(m.Groups["t"].Value)}が必要です)。"),
        (Pattern("Cannot parse argument '(?<a>.*)' for command '(?<c>.+)' as expected type '(?<t>.+)'\\.(?<rest>.*)"), m => $"コマンド {m.Groups["c"].Value} の引数 '{m.Groups["a"].Value}' を解釈できません ({Type(m.Groups["t"].Value)}が必要です)。"),
        (Pattern("Argument '(?<a>.*)' not recognized\\. Must be one of:(?<v>.*)"), m => $"'{m.Groups["a"].Value}' は指定できません。次のいずれかを指定してください:{m.Groups["v"].Value}"),
        (Pattern("(?<o>.+) option cannot be combined with other arguments\\."), m => $"{m.Groups["o"].Value} オプションはほかの引数と一緒に指定できません。"),
        (Pattern("File does not exist: '(?<a>.+)'\\."), m => $"ファイル '{m.Groups["a"].Value}' がありません。"),
        (Pattern("Directory does not exist: '(?<a>.+)'\\."), m => $"フォルダー '{m.Groups["a"].Value}' がありません。"),
        (Pattern("File or directory does not exist: '(?<a>.+)'\\."), m => $"ファイルまたはフォルダー '{m.Groups["a"].Value}' がありません。"),
    ];

    private static Regex Pattern(string english) => new($"^{english}$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The .NET type System.CommandLine names, as a reader knows it.</summary>
    private static string Type(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "整数",
        "System.Double" or "System.Decimal" => "数値",
        "System.Boolean" => "true または false",
        _ => type,
    };

    /// <summary>The keys of <see cref="Texts"/>, for the test that every symbol has one.</summary>
    public static IReadOnlyCollection<string> Keys => Texts.Keys;
}
