using System.Collections.Immutable;
using System.CommandLine;
using Extls.Model;
using Extls.Planning;
using Extls.Reporting;
using Extls.Rules;
using Extls.Rules.Configuration;

namespace Extls.Cli.Commands;

internal sealed record RenewOptions(
    ImmutableArray<string> Paths,
    string NewCertificate,
    string? Replaces,
    ImmutableArray<string> On,
    string? Password,
    string? PlanPath,
    ImmutableArray<OutputTarget> Outputs,
    DateTimeOffset? AsOf,
    int? WarningDays,
    FailOn? FailOn,
    string Culture,
    string? ConfigPath,
    Uri? HelpUriBase);

/// <summary>
/// <c>extls renew PATH --new CERT [--replaces THUMBPRINT] [--on SERVER…]</c>: the renewal worked out from the dump,
/// written as a plan (PowerShell with -WhatIf on every cmdlet that takes it) and rehearsed as extls whatif rehearses one.
/// Exit codes as whatif's: 1 when the rehearsal brings a new finding at or above --fail-on.
/// </summary>
internal sealed class RenewCommand
{
    private readonly Argument<string[]> paths = new("PATH")
    {
        Description = "The organisation's dump folder, zip or snapshot file; give each Edge server's own dump too, as to extls analyze.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> newCertificate = new("--new")
    {
        Description = "The new certificate: a .pfx with its private key (give --password), a .cer or a .p7b.",
        HelpName = "CERT",
        Required = true,
    };

    private readonly Option<string?> replaces = new("--replaces")
    {
        Description = "The thumbprint of the certificate it replaces. Default: the certificate in the dump with the new one's subject (or names).",
        HelpName = "THUMBPRINT",
    };

    private readonly Option<string[]> on = new("--on")
    {
        Description = "The servers to renew on (repeatable). Default: every server whose store holds the certificate being replaced.",
        HelpName = "SERVER",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> password = new("--password")
    {
        Description = "The .pfx password, to read the certificate and to rehearse the plan (the plan itself asks for it with Read-Host -AsSecureString).",
        HelpName = "PASSWORD",
    };

    private readonly Option<string?> plan = new("--plan")
    {
        Description = "Where to write the plan. Default: renew-<first 8 digits of the new thumbprint>.ps1 in the current folder.",
        HelpName = "FILE",
    };

    private readonly Option<string[]> format = new("--format", "-f")
    {
        Description = "Format of the rehearsal: console (default), json (schemas/whatif.schema.json) or markdown. Repeat it, each with its --output.",
        HelpName = "console|json|markdown",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> output = new("--output", "-o")
    {
        Description = "File to write the rehearsal to, one per --format in the same order ('-' for the screen).",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> failOn = new("--fail-on")
    {
        Description = "Exit with code 1 when the rehearsal of the plan brings a new finding of this severity or worse: error (default), warning, note, or never.",
        DefaultValueFactory = _ => "error",
        HelpName = "error|warning|note|never",
    };

    private readonly Option<string?> asOf = CommonOptions.AsOf();
    private readonly Option<int> warningDays = CommonOptions.WarningDays();
    private readonly Option<string> culture = CommonOptions.Culture();
    private readonly Option<string?> helpUriBase = CommonOptions.HelpUriBase();
    private readonly Option<string?> config = Rehearsal.ConfigOption();

    private readonly CliHost host;

    public RenewCommand(CliHost host)
    {
        this.host = host;
        Command = new Command("renew", "Rehearse a certificate renewal: work out from the dump every object that must change when the new " +
                                       "certificate replaces the old one (where to import it, which services to enable, every receive and send " +
                                       "connector whose TlsCertificateName names the old one, Edge subscriptions to make again), write it as a plan " +
                                       "in PowerShell, and show what running it does.")
        {
            paths, newCertificate, replaces, on, password, plan, format, output, failOn, asOf, warningDays, culture, config, helpUriBase,
        };
        Command.SetAction(parseResult => Execute(Bind(parseResult)));
    }

    public Command Command { get; }

    public RenewOptions Bind(ParseResult parseResult)
    {
        var formats = Outputs.Formats(parseResult.GetValue(format), Rehearsal.ParseFormat);

        var cert = parseResult.GetValue(newCertificate)!;
        if (!File.Exists(host.FullPath(cert)))
        {
            throw new UsageException($"The new certificate '{cert}' does not exist.", $"新しい証明書 '{cert}' がありません。");
        }

        return new RenewOptions(
            Inputs.Paths(host, parseResult.GetValue(paths)),
            cert,
            parseResult.GetValue(replaces),
            [.. (parseResult.GetValue(on) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            parseResult.GetValue(password),
            parseResult.GetValue(plan),
            Outputs.Pair(host, formats, parseResult.GetValue(output) ?? []),
            CommonOptions.ParseAsOf(parseResult.GetValue(asOf)),
            parseResult.GetResult(warningDays) is { Implicit: false } ? CommonOptions.ParseWarningDays(parseResult.GetValue(warningDays)) : null,
            parseResult.GetResult(failOn) is { Implicit: false } ? AnalyzeCommand.ParseFailOn(parseResult.GetValue(failOn)) : null,
            CommonOptions.ParseCulture(parseResult.GetValue(culture)),
            Rehearsal.CheckConfig(host, parseResult.GetValue(config)),
            CommonOptions.ParseHelpUriBase(parseResult.GetValue(helpUriBase)));
    }

    public int Execute(RenewOptions options)
    {
        Outputs.Check(host, options.Outputs);
        var certPath = host.FullPath(options.NewCertificate);
        CertificateInfo renewed;
        try
        {
            renewed = CertificateFile.Read(certPath, options.Password).Certificate;
        }
        catch (CertificateFileException e)
        {
            host.Error.Write(PlanProblemWording.CertificateFile(options.NewCertificate, e.Fault, e.Detail, options.Culture) + "\n");
            return ExitCodes.InputUnreadable;
        }

        var prepared = Rehearsal.Prepare(host, options.Paths, options.AsOf, options.WarningDays, options.Culture, options.ConfigPath, noSuppressions: false);
        if (prepared.Before is null)
        {
            return ExitCodes.InputUnreadable;
        }

        var planDisplay = options.PlanPath ?? $"renew-{renewed.Thumbprint[..8]}.ps1";
        var planFull = host.FullPath(planDisplay);
        OutputFile.Check(planFull, planDisplay);
        var planFolder = Path.GetDirectoryName(planFull)!;
        // Beside the plan or below it, the plan names the file relative to itself; elsewhere, by its full path.
        var relative = Path.GetRelativePath(planFolder, certPath);
        relative = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? certPath : relative.Replace('\\', '/');
        var pfx = Path.GetExtension(certPath).ToLowerInvariant() is ".pfx" or ".p12";
        RenewalPlan renewal;
        try
        {
            renewal = RenewalPlanner.Plan(prepared.Before.Snapshot, renewed, relative, pfx, options.Replaces, options.On, prepared.Options.AsOf);
        }
        catch (RenewalException e)
        {
            throw new UsageException(PlanProblemWording.Refusal(e.Refusal, "en"), PlanProblemWording.Refusal(e.Refusal, "ja"));
        }

        // The comments follow --culture; the commands are the same in every culture. UTF-8 with a byte-order mark, so that
        // Windows PowerShell 5.1 reads a non-ASCII comment or value as written (RenewalScriptWriter.Encoding says why).
        var text = RenewalScriptWriter.Write(renewal, options.Culture);
        OutputFile.Write(planFull, text, planDisplay, RenewalScriptWriter.Encoding);
        host.Error.Write(PlanProblemWording.RenewalWritten(planDisplay, renewal.Steps.Length, renewal.Servers, options.Culture) + "\n");
        foreach (var note in renewal.Notes)
        {
            host.Error.Write(PlanProblemWording.NoteLabel(options.Culture) + PlanProblemWording.Note(note, options.Culture) + "\n");
        }

        WhatIfResult result;
        try
        {
            var parsed = Plan.Load(planDisplay, planFull);
            result = host.Services.WhatIf(prepared.Before, [parsed], prepared.Options,
                new PlanContext(prepared.Options.AsOf, host.WorkingDirectory) { Password = options.Password });
        }
        catch (PlanException e)
        {
            return Rehearsal.ReportPlanProblems(host, e, options.Culture);
        }

        var helpUriBase = options.HelpUriBase ?? prepared.Config.HelpUriBase ?? RulePages.DefaultBase;
        using var progress = ProgressDisplay.Start(host, options.Culture);
        Outputs.Write(host, options.Outputs, progress, (target, writer) =>
        {
            var settings = host.Settings(options.Culture, toScreen: target.Path is null) with { HelpUriBase = helpUriBase };
            WhatIfWriters.Create(target.Format, settings).Write(result, writer);
        });

        if (!prepared.Problems.IsDefaultOrEmpty)
        {
            Inputs.Report(host, prepared.Problems, options.Culture);
            return ExitCodes.InputUnreadable;
        }

        return result.IntroducesFinding(prepared.Config.ResolveFailOn(options.FailOn)) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
