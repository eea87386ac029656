using System.CommandLine;

namespace Extls.Cli;

/// <summary>
/// The help of every command, option and argument in Japanese, applied to the command tree when --culture ja is on
/// the command line, so `extls analyze --help --culture ja` describes everything in Japanese. Keyed by the command's
/// path and the symbol's name ("analyze --format", "explain PATH"); a test fails when a symbol of the tree has no
/// entry, so a new option cannot reach a Japanese reader in English. The headings System.CommandLine writes itself
/// (Usage, Options) stay in English.
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

    /// <summary>The keys of <see cref="Texts"/>, for the test that every symbol has one.</summary>
    public static IReadOnlyCollection<string> Keys => Texts.Keys;
}
