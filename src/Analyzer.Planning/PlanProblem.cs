using System.Collections.Immutable;
using System.Globalization;
using System.Management.Automation.Language;

namespace Extls.Planning;

/// <summary>Where a plan says something: its file (as the user named it), line and column, 1-based.</summary>
public sealed record PlanPosition(string File, int Line, int Column)
{
    internal static PlanPosition Of(string file, IScriptExtent extent) => new(file, extent.StartLineNumber, extent.StartColumnNumber);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}

/// <summary>
/// Why a plan cannot be rehearsed as written: PowerShell that does not parse, a command or parameter extls does not
/// model, a value it cannot follow, or an object the snapshot does not have. Never skipped: any one stops the rehearsal.
/// </summary>
public sealed record PlanProblem(PlanPosition Position, string Message)
{
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>The problems of a plan, every one with its line and column.</summary>
public sealed class PlanException : Exception
{
    public PlanException(IEnumerable<PlanProblem> problems)
        : base(string.Join("\n", problems))
    {
        Problems = [.. problems];
    }

    public PlanException(PlanPosition position, string message)
        : this([new PlanProblem(position, message)])
    {
    }

    public PlanException()
        : this([])
    {
    }

    public PlanException(string message)
        : base(message)
    {
        Problems = [];
    }

    public PlanException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [];
    }

    public ImmutableArray<PlanProblem> Problems { get; }
}
