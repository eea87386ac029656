using System.CommandLine;

namespace Extls.Cli.Tests;

/// <summary>
/// A run names its command first, so only that command is made (CliApp.BuildRoot); the table the names come from must
/// match the commands themselves, or a command would parse differently when typed than in the whole tree.
/// </summary>
public sealed class CommandTreeTests : IDisposable
{
    private readonly CliRun cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void The_table_names_every_command_by_the_name_it_is_typed_with_in_the_order_of_the_help()
    {
        var whole = CliApp.BuildRoot(cli.Host());
        Assert.Equal(CliApp.Commands.Select(c => c.Name), whole.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void A_named_command_builds_only_that_command_with_the_same_options_and_subcommands()
    {
        var whole = CliApp.BuildRoot(cli.Host());
        foreach (var (name, _) in CliApp.Commands.Where(c => c.Name != "completion"))
        {
            var only = CliApp.BuildRoot(cli.Host(), [name, "--help"]);
            var command = Assert.Single(only.Subcommands);
            Assert.Equal(name, command.Name);
            Assert.Equal(Shape(whole.Subcommands.Single(c => c.Name == name)), Shape(command));
            Assert.Equal(whole.Options.Select(o => o.Name), only.Options.Select(o => o.Name));
        }
    }

    [Theory]
    [InlineData("completion")]
    [InlineData("anlyze")]
    [InlineData("--version")]
    [InlineData("[suggest:3]")]
    public void Anything_but_a_command_name_gets_the_whole_tree(string first)
    {
        Assert.Equal(CliApp.Commands.Length, CliApp.BuildRoot(cli.Host(), [first]).Subcommands.Count);
    }

    [Fact]
    public void The_help_of_a_command_is_the_same_as_in_the_whole_tree()
    {
        foreach (var name in new[] { "analyze", "rules", "matrix" })
        {
            var writer = new StringWriter();
            CliApp.BuildRoot(cli.Host(), [name, "--help"]).Parse([name, "--help"]).Invoke(new InvocationConfiguration { Output = writer });
            var whole = new StringWriter();
            CliApp.BuildRoot(cli.Host()).Parse([name, "--help"]).Invoke(new InvocationConfiguration { Output = whole });
            Assert.NotEqual("", writer.ToString());
            Assert.Equal(whole.ToString(), writer.ToString());
        }
    }

    private static string Shape(Command command) =>
        $"{command.Name}({string.Join(",", command.Options.Select(o => o.Name))};{string.Join(",", command.Arguments.Select(a => a.Name))})" +
        $"[{string.Join(",", command.Subcommands.Select(Shape))}]";
}
