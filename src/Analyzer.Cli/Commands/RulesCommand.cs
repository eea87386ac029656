using System.CommandLine;
using Extls.Reporting;

namespace Extls.Cli.Commands;

internal sealed record RulesListOptions(string Culture);

internal sealed record RulesShowOptions(string Id, string Culture);

/// <summary><c>extls rules list</c> and <c>extls rules show ID</c>: the catalogue.</summary>
internal sealed class RulesCommand
{
    private readonly Option<string> listCulture = CommonOptions.Culture();
    private readonly Option<string> showCulture = CommonOptions.Culture();
    private readonly Argument<string> id = new("ID") { Description = "A rule id such as EXTLS1004." };
    private readonly CliHost host;

    public RulesCommand(CliHost host)
    {
        this.host = host;
        var list = new Command("list", "Every rule: id, default severity, category, the Exchange event it predicts and its title.") { listCulture };
        list.SetAction(parseResult => List(new RulesListOptions(CommonOptions.ParseCulture(parseResult.GetValue(listCulture)))));
        var show = new Command("show", "One rule: what it checks, the event it predicts, the fix, the assumptions it rests on, and where its page is beside the installed tool.") { id, showCulture };
        show.SetAction(parseResult => Show(new RulesShowOptions(parseResult.GetValue(id)!, CommonOptions.ParseCulture(parseResult.GetValue(showCulture)))));
        Command = new Command("rules", "The catalogue of findings (EXTLS####).") { list, show };
    }

    public Command Command { get; }

    public int List(RulesListOptions options)
    {
        host.Out.Write(new RulesWriter(host.Settings(options.Culture)).RenderList(host.Services.Rules));
        return ExitCodes.Ok;
    }

    public int Show(RulesShowOptions options)
    {
        var rule = host.Services.Rules.FirstOrDefault(r => string.Equals(r.Id, options.Id.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"Unknown rule id '{options.Id}'. 'extls rules list' shows every rule.", $"ルール ID '{options.Id}' は不明です。すべてのルールは 'extls rules list' で確認できます。");
        // The page beside the tool is a file the user can open; a build without it names the page's place in the repository.
        host.Out.Write(new RulesWriter(host.Settings(options.Culture)).RenderShow(rule, ToolFiles.RulePage(rule.Id)));
        return ExitCodes.Ok;
    }
}
