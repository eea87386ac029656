namespace Extls.Rules;

/// <summary>How a run ends, for the formats that record it (SARIF's invocation).</summary>
/// <param name="ExitCode">The documented exit code the command returns.</param>
/// <param name="ExecutionSuccessful">
/// False when some input could not be read (exit code 3): the analysis ran, but over less than it was given.
/// Findings, whatever their number, are a successful execution.
/// </param>
public sealed record RunOutcome(int ExitCode, bool ExecutionSuccessful);
