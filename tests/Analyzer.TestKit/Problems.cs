using Extls.Model;
using Extls.Reporting;

namespace Extls.TestKit;

/// <summary>A problem as its reader sees it in English: what the JSON output's "message" carries.</summary>
public static class Problems
{
    public static string Message(this ImportProblem problem) => ProblemWording.English(problem);

    /// <summary>file:line: jsonPath: message, as stderr prints it.</summary>
    public static string Text(this ImportProblem problem) => ProblemWording.Line(problem, "en");
}
