namespace Extls.Cli;

/// <summary>The documented exit codes (README, docs/README.md), so scripts and CI can branch on them.</summary>
public static class ExitCodes
{
    /// <summary>No unsuppressed finding at or above --fail-on.</summary>
    public const int Ok = 0;

    /// <summary>Unsuppressed findings at or above --fail-on; with --baseline, and for <c>extls diff</c>, new ones only.</summary>
    public const int Findings = 1;

    /// <summary>The command line is wrong: unknown option or value, bad date, unknown rule id, an output that is a folder or cannot be written.</summary>
    public const int Usage = 2;

    /// <summary>Some input could not be read; every problem is listed on stderr.</summary>
    public const int InputUnreadable = 3;

    /// <summary>A fault in extls itself.</summary>
    public const int Internal = 4;
}

/// <summary>A mistake on the command line; the message tells the user what to type instead.</summary>
/// <remarks>
/// Every usage error is written in both languages where it is raised, so that none can reach a Japanese reader in
/// English only: there is no constructor that takes one language.
/// </remarks>
internal sealed class UsageException(string message, string japanese) : Exception(message)
{
    public string Japanese { get; } = japanese;

    public string For(string culture) => CliCulture.IsJapanese(culture) ? Japanese : Message;
}
