using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace Extls.Planning;

/// <summary>
/// A plan: the Exchange Management Shell commands an administrator means to run, parsed by PowerShell's own parser.
/// Nothing of it is ever run; <see cref="PlanRunner"/> works out what each command would change in a snapshot.
/// </summary>
public sealed partial class Plan
{
    private Plan(string name, string? folder, string text, ScriptBlockAst ast)
    {
        Name = name;
        Folder = folder;
        Text = text;
        Ast = ast;
    }

    /// <summary>How the plan is named in messages: the path as the user gave it, or "--change-command 2".</summary>
    public string Name { get; }

    /// <summary>Where files the plan names (certificates, subscription files) are looked for; null for a command given inline, which then resolves against the working folder.</summary>
    public string? Folder { get; }

    public string Text { get; }

    internal ScriptBlockAst Ast { get; }

    /// <summary>The statements, in order.</summary>
    internal IReadOnlyList<StatementAst> Statements => Ast.EndBlock?.Statements ?? (IReadOnlyList<StatementAst>)[];

    /// <summary>How many statements the plan has (commands and assignments).</summary>
    public int Count => Statements.Count;

    /// <summary>Parses a plan file; every syntax error, and every construct a plan may not use, is a problem with its line and column.</summary>
    /// <param name="name">The path as the user typed it, for messages.</param>
    /// <param name="fullPath">Where to read it.</param>
    public static Plan Load(string name, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlanException(new PlanPosition(name, 0, 0), PlanProblemKind.PlanUnreadable, new() { Detail = e.Message });
        }

        return Parse(name, Path.GetDirectoryName(Path.GetFullPath(fullPath)), text);
    }

    /// <summary>Parses PowerShell text as a plan.</summary>
    public static Plan Parse(string name, string? folder, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        if (!PowerShellParser.IsSupported)
        {
            throw PowerShellParser.Missing();
        }

        // Refused before PowerShell sees them: its parser resolves `using module` and `using assembly` by starting a
        // runspace and loading what they name from the machine (so a plan would mean what that machine holds, and the
        // native tool, which cannot compile PowerShell's run-time code, fails there).
        var usings = UsingStatement().Matches(text);
        if (usings.Count > 0)
        {
            throw new PlanException(usings.Select(m => new PlanProblem(PositionOf(name, text, m.Groups["using"].Index), PlanProblemKind.UsingStatement,
                new() { Name = m.Groups["kind"].Value.ToLowerInvariant() })).ToList());
        }

        var ast = Parser.ParseInput(text, name, out _, out var errors);
        var problems = errors.Select(e => new PlanProblem(PlanPosition.Of(name, e.Extent), PlanProblemKind.SyntaxError, new() { Name = e.ErrorId, Detail = e.Message })).ToList();
        if (problems.Count == 0)
        {
            problems.AddRange(Shape(name, ast));
        }

        if (problems.Count > 0)
        {
            throw new PlanException(problems);
        }

        return new Plan(name, folder, text, ast);
    }

    /// <summary>A <c>using module</c> or <c>using assembly</c> statement: at the start of a line or after a semicolon.</summary>
    [GeneratedRegex(@"(?:^|;)[ \t]*(?<using>using)[ \t]+(?<kind>module|assembly)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UsingStatement();

    private static PlanPosition PositionOf(string name, string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var line = 1 + text.AsSpan(0, lineStart).Count('\n');
        return new PlanPosition(name, line, index - lineStart + 1);
    }

    // What a plan is: a list of commands and assignments. Functions, loops, conditions and script parameters are not
    // followed, since what they do depends on what they find when they run.
    private static IEnumerable<PlanProblem> Shape(string name, ScriptBlockAst ast)
    {
        if (ast.ParamBlock is { } param)
        {
            yield return new PlanProblem(PlanPosition.Of(name, param.Extent), PlanProblemKind.ParamBlock);
        }

        foreach (var block in new[] { ast.BeginBlock, ast.ProcessBlock, ast.DynamicParamBlock })
        {
            if (block is not null)
            {
                yield return new PlanProblem(PlanPosition.Of(name, block.Extent), PlanProblemKind.ScriptBlockSection, new() { Name = block.BlockKind.ToString().ToLowerInvariant() });
            }
        }

        if (ast.EndBlock is { } end && !end.Traps.IsNullOrEmpty())
        {
            yield return new PlanProblem(PlanPosition.Of(name, end.Traps[0].Extent), PlanProblemKind.TrapStatement);
        }
    }
}

internal static class AstExtensions
{
    public static bool IsNullOrEmpty<T>(this IReadOnlyCollection<T>? items) => items is null || items.Count == 0;
}
